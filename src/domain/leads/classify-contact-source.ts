/**
 * How much a contact's origin is worth, from best to worst: a paid skip trace, a list the user
 * imported (their own or a vendor list without a trace), a public record, a scraped page.
 */
export type ContactSourceClass = 'vendor_skip_trace' | 'manual' | 'list_import' | 'public_record' | 'scraped';

const SKIP_TRACE = /skip|trace|batchdata|batchskip|propstream|batchleads|dealmachine|reisift|tlo|idi/;

/** @example classifyContactSource('propstream') // 'vendor_skip_trace' */
export function classifyContactSource(source: string): ContactSourceClass {
  const s = source.toLowerCase();
  if (SKIP_TRACE.test(s)) return 'vendor_skip_trace';
  if (/scrap|crawl|web/.test(s)) return 'scraped';
  if (/manual|typed|user/.test(s)) return 'manual';
  if (/public|county|record|arcgis|nal|voter|sunbiz/.test(s)) return 'public_record';
  return 'list_import';
}
