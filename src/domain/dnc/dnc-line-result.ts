/** What one line of a do-not-call file says: a number to add to or delete from the list, or why it could not be read. */
export type DncLineResult =
  | { ok: true; phone: string; action: 'add' | 'delete' }
  | { ok: false; line: number; reason: string };
