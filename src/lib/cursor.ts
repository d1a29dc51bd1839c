/**
 * Keyset cursors for newest-first listings: the last row's (timestamp, id), opaque to clients. Stable under
 * concurrent inserts, unlike offsets.
 */
import { AppError, ErrorCode } from './errors.js';

export interface CursorKey {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** Decodes a cursor this API returned, or answers a validation error naming the `cursor` field. */
export function decodeCursor(cursor: string): CursorKey {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(at.getTime())) {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid query: cursor: not a cursor this API returned', { issues: [{ path: 'cursor', message: 'not a cursor this API returned' }] });
  }
  return { at, id };
}
