/**
 * True when `a` and `b` differ by at most one edit: one substitution, insertion, deletion, or a swap of two
 * adjacent letters (optimal-string-alignment distance ≤ 1). Linear time, no allocation.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // substitution: rest equal after skipping one on both sides
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    // adjacent swap
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
