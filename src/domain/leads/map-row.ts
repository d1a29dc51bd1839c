import type { CountryCode } from 'libphonenumber-js/max';
import { CANONICAL_FIELDS } from './canonical-fields.js';
import type { ImportPresetName } from './import-presets.js';
import { normalizeParcelId } from './normalize-parcel-id.js';
import { normalizePhone } from './normalize-phone.js';
import { normalizeState } from './normalize-state.js';
import { normalizeZip } from './normalize-zip.js';
import { parseFieldValue } from './parse-field-value.js';
import { planColumns, type ColumnMapping, type ColumnPlan } from './plan-columns.js';
import { situsKey } from './situs-key.js';
import type { LeadContact, LeadProperty, LeadSignalFields, MappedRow, PhoneLineType, PostalAddress, RowWarning } from './types.js';
import { validateEmail } from './validate-email.js';

export interface MapRowOptions {
  preset?: ImportPresetName;
  mapping?: ColumnMapping;
  headers: readonly string[];
  values: readonly string[];
  /** Data row number: 1 is the first row after the header. */
  rowNumber: number;
  /** The file's column plan; pass it when mapping many rows so the header is resolved once. */
  plan?: ColumnPlan;
  defaultCountry?: CountryCode;
}

interface ContactSlot {
  phone?: { raw: string; header: string; lineType?: PhoneLineType };
  type?: string;
  dnc?: boolean;
  email?: { raw: string; header: string };
}

/**
 * Maps one CSV row to a property, its contacts and its stated distress signals. Bad cells (a phone
 * that is not a number, a date that is not a date) become warnings and the rest of the row is kept;
 * the row is skipped only when it has no identity: neither a parcel id nor a situs address that names a street.
 *
 * @example
 * mapRow({ preset: 'generic', headers: ['parcel_id', 'phone'], values: ['29-22-18', '555'], rowNumber: 1 })
 * // → property.parcelId '292218', no contacts, warnings [{ row: 1, field: 'phone', reason: 'phone number too short' }]
 */
export function mapRow(options: MapRowOptions): MappedRow {
  const plan = options.plan ?? planOrThrow(options);
  const row = options.rowNumber;
  const values = options.values;
  const warnings: RowWarning[] = [];
  const property: LeadProperty = { situs: {}, mailing: {}, source: plan.preset.source };
  const signals: LeadSignalFields = {};
  const slots = new Map<string, ContactSlot>();
  const names = new Map<string, string>();

  if (values.length !== plan.headerCount) {
    warnings.push({ row, field: '(row)', reason: `row has ${values.length} columns, header has ${plan.headerCount}` });
  }

  for (const col of plan.columns) {
    const raw = values[col.index];
    if (raw === undefined || raw.trim() === '') continue;
    const spec = CANONICAL_FIELDS[col.field];
    const parsed = parseFieldValue(spec.kind, raw);
    if (!parsed.ok) {
      warnings.push({ row, field: col.header, reason: parsed.reason });
      continue;
    }
    const value = parsed.value;
    if (value === undefined) continue;
    const target = spec.target;
    switch (target.section) {
      case 'property':
        (property as unknown as Record<string, unknown>)[target.key] = value;
        break;
      case 'situs':
      case 'mailing':
        (property[target.section] as Record<string, unknown>)[target.key] = value;
        break;
      case 'signals':
        (signals as Record<string, unknown>)[target.key] = value;
        break;
      case 'contact': {
        if (target.key === 'contact_name') {
          names.set(col.person ?? '0', String(value));
          break;
        }
        const key = `${col.person ?? '0'}:${col.item ?? '1'}`;
        let slot = slots.get(key);
        if (!slot) slots.set(key, (slot = {}));
        if (target.key === 'phone') {
          const phone = { raw: String(value), header: col.header, ...(col.lineType ? { lineType: col.lineType } : {}) };
          // Two "Phone" columns land in the same slot; keep both numbers. The slot's type and DNC columns belong
          // to the plain one ("Phone 1" with "Phone 1 Type"), not to one named after its type ("Cell").
          if (!slot.phone) slot.phone = phone;
          else if (slot.phone.lineType && !phone.lineType) {
            slots.set(`${key}:${col.index}`, { phone: slot.phone });
            slot.phone = phone;
          } else slots.set(`${key}:${col.index}`, { phone });
        } else if (target.key === 'email') {
          if (slot.email) slots.set(`${key}:${col.index}`, { email: { raw: String(value), header: col.header } });
          else slot.email = { raw: String(value), header: col.header };
        } else if (target.key === 'phone_type') slot.type = String(value);
        else if (target.key === 'phone_dnc') slot.dnc = value === true;
        break;
      }
    }
  }

  if (property.parcelId !== undefined) {
    const display = String(property.parcelId).trim();
    const canonical = normalizeParcelId(display);
    if (canonical) {
      property.parcelId = canonical;
      property.parcelIdDisplay = display;
    } else {
      delete property.parcelId;
      warnings.push({ row, field: headerOf(plan, 'parcel_id'), reason: 'parcel id has no letters or digits' });
    }
  }
  tidyAddress(property.situs);
  tidyAddress(property.mailing);
  if (!property.ownerName && (property.ownerFirstName || property.ownerLastName)) {
    property.ownerName = [property.ownerFirstName, property.ownerLastName].filter(Boolean).join(' ');
  }

  const contacts: LeadContact[] = [];
  const seen = new Set<string>();
  for (const [key, slot] of slots) {
    const name = names.get(key.split(':')[0]!) ?? property.ownerName;
    if (slot.phone) {
      const phone = normalizePhone(slot.phone.raw, {
        ...(slot.type ? { typeHint: slot.type } : {}),
        ...(slot.phone.lineType ? { columnLineType: slot.phone.lineType } : {}),
        ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}),
      });
      if (!phone.ok) warnings.push({ row, field: slot.phone.header, reason: phone.reason });
      else if (!seen.has(phone.e164)) {
        seen.add(phone.e164);
        contacts.push({ phone: phone.e164, lineType: phone.lineType, source: property.source, ...(name ? { name } : {}), ...(slot.dnc ? { vendorDnc: true } : {}) });
      }
    }
    if (slot.email) {
      const email = validateEmail(slot.email.raw);
      if (!email.ok) warnings.push({ row, field: slot.email.header, reason: email.reason });
      else if (!seen.has(email.email.toLowerCase())) {
        seen.add(email.email.toLowerCase());
        contacts.push({ email: email.email, source: property.source, ...(name ? { name } : {}) });
      }
    }
  }

  const skip = property.parcelId ? undefined : identityProblem(property.situs);
  return {
    row,
    identityOk: skip === undefined,
    property,
    contacts,
    signals,
    warnings,
    ...(skip === undefined ? {} : { skip: { row, reason: skip } }),
  };
}

/**
 * Why a row without a parcel id has no identity, or undefined when its situs gives it one. A situs line that
 * names no street ("N/A", "-", "#4") would give every such row the same key, so one property would collect them all.
 */
function identityProblem(situs: PostalAddress): string | undefined {
  if (!situs.line1) return 'no parcel id or situs address';
  if (situsKey(situs) !== null) return undefined;
  const written = situs.unit ? `${situs.line1}, unit ${situs.unit}` : situs.line1;
  return `no parcel id, and the situs address "${written.length > 80 ? `${written.slice(0, 79)}…` : written}" names no street`;
}

function tidyAddress(a: PostalAddress): void {
  if (a.state) a.state = normalizeState(a.state);
  if (a.zip) a.zip = normalizeZip(a.zip);
  if (a.city) a.city = a.city.toUpperCase();
}

function headerOf(plan: ColumnPlan, field: string): string {
  return plan.columns.find((c) => c.field === field)?.header ?? field;
}

function planOrThrow(options: MapRowOptions): ColumnPlan {
  const r = planColumns({ headers: options.headers, ...(options.preset ? { preset: options.preset } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) });
  if (!r.ok) throw new Error(`${r.field}: ${r.reason}`);
  return r.plan;
}
