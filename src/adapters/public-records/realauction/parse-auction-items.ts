import { parse, type HTMLElement } from 'node-html-parser';
import type { DistressEvent, DistressSignal } from '../interface.js';

export interface ParseAuctionItemsOptions {
  /** Recorded on each event, e.g. `realauction:orange.realtaxdeed.com`. */
  source: string;
  /** Used when an item has no "Auction Type" row (a calendar day of one sale type). */
  defaultSignal?: DistressSignal;
}

export interface ParsedAuctionItems {
  events: DistressEvent[];
  /** Items skipped, with the reason, so a layout change is noticed rather than silently ignored. */
  skipped: Array<{ auctionId: string; reason: string }>;
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

function money(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /-?\$?\s*([\d,]+(?:\.\d+)?)/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]!.replaceAll(',', ''));
  return Number.isFinite(n) ? n : undefined;
}

/** "10/14/2025 11:00 AM ET" → "2025-10-14T11:00" (local wall time; the market's zone is applied later). */
function saleDateOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})\s*(AM|PM))?/i.exec(s);
  if (!m) return undefined;
  const [, mo, d, y, h, mi, ap] = m;
  const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  if (!h) return date;
  let hour = Number(h) % 12;
  if (ap!.toUpperCase() === 'PM') hour += 12;
  return `${date}T${String(hour).padStart(2, '0')}:${mi}`;
}

/** "ORLANDO, FL- 32808" → city, state, zip. */
function cityStateZip(s: string): { city?: string; state?: string; zip?: string } {
  const m = /^\s*([^,]+?)\s*,\s*([A-Z]{2})\s*-?\s*(\d{5}(?:-\d{4})?)?\s*$/i.exec(s);
  if (!m) return { city: clean(s) };
  return { city: clean(m[1]!), state: m[2]!.toUpperCase(), ...(m[3] ? { zip: m[3] } : {}) };
}

function signalOf(type: string | undefined, fallback: DistressSignal | undefined): DistressSignal | undefined {
  const t = (type ?? '').toUpperCase();
  if (t.includes('TAX')) return 'tax_deed_application_or_sale';
  if (t.includes('FORECLOS')) return 'foreclosure_sale_scheduled';
  return fallback;
}

/** Label → values; a row with an empty label continues the previous label (the address's city line). */
function rowsOf(item: HTMLElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: string | undefined;
  for (const row of item.querySelectorAll('tr')) {
    const label = row.querySelector('.AD_LBL');
    const value = row.querySelector('.AD_DTA');
    if (!value) continue;
    const key = clean(label?.text ?? '').replace(/:$/, '').toLowerCase();
    const text = clean(value.text);
    const target = key || last;
    if (!target) continue;
    if (key) last = key;
    out.set(target, [...(out.get(target) ?? []), text]);
  }
  return out;
}

/**
 * Parses decompressed RealAuction item HTML (`div.AUCTION_ITEM`, labels in `AD_LBL`, values in `AD_DTA`)
 * into distress events. A "Parcel ID" without digits (a generic "Property Appraiser" link) is dropped
 * from the event, not guessed.
 */
export function parseAuctionItems(html: string, options: ParseAuctionItemsOptions): ParsedAuctionItems {
  const root = parse(html);
  const events: DistressEvent[] = [];
  const skipped: ParsedAuctionItems['skipped'] = [];
  for (const item of root.querySelectorAll('div.AUCTION_ITEM')) {
    const auctionId = (item.getAttribute('id') ?? '').replace(/^AITEM_/, '') || 'unknown';
    const rows = rowsOf(item);
    const first = (k: string): string | undefined => rows.get(k)?.[0];
    const signal = signalOf(first('auction type'), options.defaultSignal);
    if (!signal) {
      skipped.push({ auctionId, reason: `unknown auction type "${first('auction type') ?? ''}"` });
      continue;
    }
    const parcelText = first('parcel id');
    const parcelOk = parcelText !== undefined && /\d/.test(parcelText);
    const addressLines = rows.get('property address') ?? [];
    const line1 = addressLines[0];
    const csz = addressLines[1] ? cityStateZip(addressLines[1]) : {};
    const amount = money(first('final judgment amount') ?? first('opening bid'));
    const assessed = money(first('assessed value'));
    const saleDate = saleDateOf(clean(item.querySelector('.ASTAT_MSGB')?.text ?? '') || undefined);
    const caseNumber = first('case #');
    const certificate = first('certificate #');
    events.push({
      signal,
      ...(parcelOk ? { parcelId: parcelText.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), parcelIdDisplay: parcelText } : {}),
      ...(caseNumber ? { caseNumber } : {}),
      ...(certificate ? { certificateNumber: certificate } : {}),
      ...(amount === undefined ? {} : { amount }),
      ...(assessed === undefined ? {} : { assessedValue: assessed }),
      ...(saleDate ? { saleDate } : {}),
      address: { ...(line1 ? { line1 } : {}), ...csz },
      auctionId,
      source: options.source,
    });
  }
  return { events, skipped };
}
