/*
 * RealAuction's `Zmethod=UPDATE&FNC=LOAD` answers carry the auction items as `retHTML`, shortened by
 * token substitution. The table is the one several independent scrapers reverse-engineered
 * identically (florida-data.md §3.1, step 4).
 */
const TOKENS: ReadonlyArray<[string, string]> = [
  ['@A', '<div class="'],
  ['@B', '</div>'],
  ['@C', 'class="'],
  ['@D', '<div>'],
  ['@E', 'AUCTION'],
  ['@F', '</td><td'],
  ['@G', '</td></tr>'],
  ['@H', '<tr><td '],
  ['@I', 'table'],
  ['@J', 'p_back="NextCheck='],
  ['@K', 'style="Display:none"'],
  ['@L', '/index.cfm?zaction=auction&zmethod=details&AID='],
];

/** Expands the @A…@L tokens back into HTML. */
export function decompressRetHtml(compressed: string): string {
  // One pass with a single regex, so an expansion is never re-scanned for tokens.
  return compressed.replace(/@[A-L]/g, (t) => TOKENS.find(([k]) => k === t)![1]);
}
