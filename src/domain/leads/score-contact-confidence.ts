import { classifyContactSource, type ContactSourceClass } from './classify-contact-source.js';
import type { PhoneLineType } from './types.js';

export type MxStatus = 'ok' | 'unknown' | 'missing';

export interface ScoreContactConfidenceOptions {
  /** Every source that reported this phone or email (after de-duplication). */
  sources: readonly string[];
  phone?: { valid: boolean; lineType?: PhoneLineType };
  email?: { valid: boolean; mx?: MxStatus };
}

const BASE: Record<ContactSourceClass, number> = {
  vendor_skip_trace: 0.6,
  manual: 0.55,
  list_import: 0.45,
  public_record: 0.4,
  scraped: 0.25,
};

/**
 * A 0–1 confidence that the contact reaches the owner. Transparent on purpose: base by the best
 * source, plus checks (valid number, mobile, MX), plus agreement (each further independent source
 * that reported the same value). Invalid values and domains without mail servers are capped low
 * rather than zeroed, so the number still orders them.
 *
 * @example scoreContactConfidence({ sources: ['propstream', 'list_import'], phone: { valid: true, lineType: 'mobile' } }) // 0.9
 */
export function scoreContactConfidence(options: ScoreContactConfidenceOptions): number {
  const classes = new Set(options.sources.map(classifyContactSource));
  let score = 0;
  for (const c of classes) score = Math.max(score, BASE[c]);
  if (classes.size === 0) score = BASE.list_import;
  // Agreement: distinct source classes beyond the first, so two scrapes of one site do not count twice.
  score += Math.min(0.2, 0.1 * Math.max(0, classes.size - 1));

  if (options.phone) {
    if (!options.phone.valid) return round(Math.min(score, 0.1));
    score += 0.1;
    if (options.phone.lineType === 'mobile') score += 0.1;
    else if (options.phone.lineType === 'toll_free') score -= 0.2;
  }
  if (options.email) {
    if (!options.email.valid || options.email.mx === 'missing') return round(Math.min(score, 0.1));
    if (options.email.mx === 'ok') score += 0.15;
  }
  return round(Math.min(1, Math.max(0, score)));
}

const round = (n: number): number => Math.round(n * 100) / 100;
