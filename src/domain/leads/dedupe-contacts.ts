import type { LeadContact, PhoneLineType } from './types.js';

/** A contact after de-duplication: one phone or one email, with every source that reported it. */
export interface DedupedContact {
  phone?: string;
  email?: string;
  name?: string;
  lineType?: PhoneLineType;
  vendorDnc?: boolean;
  sources: string[];
}

/**
 * Same E.164 number or same email (case-insensitively) → one contact whose sources are merged,
 * in first-seen order. A known line type beats `unknown`; any vendor DNC mark sticks.
 *
 * @example dedupeContacts([{ phone: '+14075550123', source: 'propstream' }, { phone: '+14075550123', source: 'manual_upload' }])
 * // [{ phone: '+14075550123', sources: ['propstream', 'manual_upload'] }]
 */
export function dedupeContacts(contacts: readonly (LeadContact | DedupedContact)[]): DedupedContact[] {
  const byKey = new Map<string, DedupedContact>();
  for (const c of contacts) {
    const key = c.phone ? `p:${c.phone}` : c.email ? `e:${c.email.toLowerCase()}` : undefined;
    if (!key) continue;
    const incoming = 'sources' in c ? c.sources : [c.source];
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        ...(c.phone ? { phone: c.phone } : { email: c.email!.toLowerCase() }),
        ...(c.name ? { name: c.name } : {}),
        ...(c.lineType ? { lineType: c.lineType } : {}),
        ...(c.vendorDnc ? { vendorDnc: true } : {}),
        sources: [...new Set(incoming)],
      });
      continue;
    }
    for (const s of incoming) if (!seen.sources.includes(s)) seen.sources.push(s);
    if (!seen.name && c.name) seen.name = c.name;
    if ((!seen.lineType || seen.lineType === 'unknown') && c.lineType && c.lineType !== 'unknown') seen.lineType = c.lineType;
    if (c.vendorDnc) seen.vendorDnc = true;
  }
  return [...byKey.values()];
}
