import { describe, expect, it } from 'vitest';
import { deriveSignals } from './derive-signals.js';
import type { LeadProperty } from './types.js';

const asOf = new Date('2026-03-02T12:00:00Z');
const base = (p: Partial<LeadProperty>): LeadProperty => ({ situs: { line1: '1207 Example Ave', state: 'FL', zip: '32808' }, mailing: {}, source: 'test', ...p });
const keys = (p: Partial<LeadProperty>, signals = {}) => deriveSignals({ property: base(p), signals, asOf }).map((s) => s.signal);

describe('deriveSignals', () => {
  it('absentee when the mailing street differs from the situs, not when it is the same door written differently', () => {
    expect(keys({ mailing: { line1: '42 Sample Ln', state: 'FL', zip: '32801' } })).toEqual(['absentee']);
    expect(keys({ mailing: { line1: '1207 EXAMPLE AVENUE', state: 'FL', zip: '32808' } })).toEqual([]);
    expect(keys({ homestead: true, mailing: { line1: 'PO Box 5', state: 'FL' } })).toEqual([]);
    expect(keys({ ownerOccupied: false })).toEqual(['absentee']);
  });
  it('out of state from the mailing state, full names included', () => {
    expect(keys({ mailing: { line1: '42 Sample Ln', state: 'OH' } })).toEqual(['out_of_state', 'absentee']);
  });
  it('tenure from the last sale date, and a recent priced sale is a penalty', () => {
    expect(keys({ lastSaleDate: '1998-06-15', lastSalePrice: 64000 })).toEqual(['tenure_25y']);
    expect(keys({ lastSaleDate: '2009-01-01' })).toEqual(['tenure_15y']);
    expect(keys({ lastSaleDate: '2025-06-01', lastSalePrice: 300000 })).toEqual(['recent_qualified_sale_24m']);
  });
  it('a nominal transfer is an estate hint, not a recent sale', () => {
    expect(keys({ lastSaleDate: '2025-06-01', lastSalePrice: 100 })).toEqual(['inherited_nominal_transfer']);
  });
  it('estate wording in a person’s name, but not in a company name', () => {
    const s = deriveSignals({ property: base({ ownerName: 'ROE JOHN EST' }), asOf });
    expect(s).toEqual([{ signal: 'probate_or_estate', evidence: { source: 'test', field: 'owner_name', value: 'ROE JOHN EST' } }]);
    expect(keys({ ownerName: 'HEIRS OF MARY ROE' })).toEqual(['probate_or_estate']);
    expect(keys({ ownerName: 'SUNSHINE REAL ESTATE LLC' })).toEqual([]);
  });
  it('equity from vendor percent or value against the last price', () => {
    expect(keys({ equityPercent: 95 })).toEqual(['equity_proxy_3x']);
    expect(keys({ equityPercent: 60 })).toEqual(['equity_proxy_2x']);
    expect(keys({ estimatedValue: 287450, lastSalePrice: 120000 })).toEqual(['equity_proxy_2x']);
    // A parcel roll gives the just value, not an estimate; a list's estimate wins when both are there.
    const roll = deriveSignals({ property: base({ justValue: 242648, lastSalePrice: 50010 }), asOf });
    expect(roll).toEqual([{ signal: 'equity_proxy_3x', evidence: { source: 'test', field: 'just_value', value: '4.85' } }]);
    expect(keys({ justValue: 242648, estimatedValue: 150000, lastSalePrice: 60000 })).toEqual(['equity_proxy_2x']);
  });
  it('stated vendor flags', () => {
    expect(
      keys({}, { foreclosureSaleDate: '2026-04-14', foreclosure: true, taxDelinquentYears: 3, codeViolationsOpen: 2, vacant: true, probate: true }),
    ).toEqual(['foreclosure_sale_scheduled', 'lis_pendens', 'tax_delinquent_2y_plus', 'probate_or_estate', 'code_violation_open', 'vacant_flag']);
    const cv = deriveSignals({ property: base({}), signals: { codeViolationsOpen: 2 }, asOf });
    expect(cv[0]).toMatchObject({ signal: 'code_violation_open', count: 2 });
  });
  it('listing status: active is a penalty, expired a signal dated by its expiration', () => {
    expect(keys({ mlsStatus: 'Active' })).toEqual(['active_mls_listing']);
    const s = deriveSignals({ property: base({ mlsStatus: 'Expired', expirationDate: '2026-01-15' }), asOf });
    expect(s).toMatchObject([{ signal: 'expired_listing', date: new Date('2026-01-15') }]);
  });
  it('exclusions for government and association owners', () => {
    expect(keys({ ownerName: 'ORANGE COUNTY BOARD OF COUNTY COMMISSIONERS' })).toEqual(['government_use']);
    expect(keys({ ownerName: 'LAKE PINES HOMEOWNERS ASSOCIATION INC' })).toEqual(['hoa_or_association']);
  });
});
