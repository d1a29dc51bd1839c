/** A conversation as a file: JSON (the conversation document) or CSV (one row per message). */
import type { AppServices } from '../app-services.js';
import type { Conversation } from './conversation-schemas.js';
import { getConversation } from './get-conversation.js';

const CSV_COLUMNS = ['occurredAt', 'direction', 'channel', 'author', 'status', 'intent', 'intentConfidence', 'sentimentScore', 'objection', 'body', 'id'] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function conversationToCsv(c: Conversation): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const m of c.messages) lines.push(CSV_COLUMNS.map((k) => csvCell(m[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function exportConversation(services: Pick<AppServices, 'db' | 'keyRing'>, o: { locationId: string; contactId: string; format: 'json' | 'csv' }): Promise<{ contentType: string; fileName: string; body: string | Conversation }> {
  const c = await getConversation(services, o);
  const base = `conversation-${o.contactId}`;
  if (o.format === 'csv') return { contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv`, body: conversationToCsv(c) };
  return { contentType: 'application/json; charset=utf-8', fileName: `${base}.json`, body: c };
}
