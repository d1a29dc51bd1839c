const ADD = new Set(['add', 'adds', 'added', 'addition', 'additions', '[add]', '[additions]', 'new', 'a']);
const DELETE = new Set(['delete', 'deletes', 'deleted', 'deletion', 'deletions', '[delete]', '[deletions]', 'removed', 'removals', 'd']);

/**
 * A change-list section header line ("ADDITIONS", "[Deletions]", "Deleted:") → the action for the lines that
 * follow; null for any other line. Headers are one word (a trailing colon is allowed) so a data line never is one.
 */
export function detectDncSection(line: string): 'add' | 'delete' | null {
  const w = line.trim().toLowerCase().replace(/:$/, '');
  if (w.length === 0 || w.length > 12) return null;
  if (ADD.has(w)) return 'add';
  if (DELETE.has(w)) return 'delete';
  return null;
}
