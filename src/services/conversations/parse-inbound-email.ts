/**
 * Reads a raw MIME reply (mailparser): who sent it, every address it was sent to (To, Cc, Delivered-To,
 * X-Original-To — the per-conversation reply address is among them), the Message-ID (the de-duplication
 * key) and the new text with the quoted earlier mail cut off.
 */
import { simpleParser, type AddressObject } from 'mailparser';

export interface ParsedInboundEmail {
  messageId: string;
  from: string | null;
  fromName: string | null;
  recipients: string[];
  subject: string | null;
  /** The reply's own words (quoted history and signatures after "-- " removed). */
  text: string;
}

const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.flatMap((v) => (v.address ? [v.address] : v.group ? v.group.flatMap((g) => (g.address ? [g.address] : [])) : [])));

/** Cuts the quoted earlier message: "> " lines, "On … wrote:", Outlook's "-----Original Message-----" and "From: … Sent:" blocks, and a "-- " signature. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (/^On .{3,200}wrote:\s*$/i.test(t) || (/^On .{3,200}$/i.test(t) && /wrote:\s*$/i.test(lines[i + 1]?.trim() ?? ''))) break;
    if (/^-{2,}\s*Original Message\s*-{2,}$/i.test(t) || /^_{5,}$/.test(t)) break;
    if (/^From:\s.+/i.test(t) && /^(Sent|Date):\s/i.test(lines[i + 1]?.trim() ?? '')) break;
    if (line === '-- ' || t === '--') break;
    if (t.startsWith('>')) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

export async function parseInboundEmail(raw: Buffer | string): Promise<ParsedInboundEmail> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true, skipTextToHtml: true });
  const header = (name: string): string[] => {
    const v = mail.headers.get(name);
    if (v === undefined) return [];
    if (typeof v === 'string') return v.split(',').map((s) => /<([^>]+)>/.exec(s)?.[1] ?? s.trim());
    if (typeof v === 'object' && v !== null && 'value' in v) return addressesOf(v as AddressObject);
    return [];
  };
  const from = mail.from?.value[0];
  const recipients = [...new Set([...addressesOf(mail.to), ...addressesOf(mail.cc), ...header('delivered-to'), ...header('x-original-to')].map((a) => a.trim()).filter(Boolean))];
  const text = stripQuotedReply(mail.text ?? (typeof mail.html === 'string' ? mail.html.replace(/<[^>]+>/g, ' ') : ''));
  return {
    messageId: mail.messageId ?? '',
    from: from?.address?.toLowerCase() ?? null,
    fromName: from?.name || null,
    recipients,
    subject: mail.subject ?? null,
    text,
  };
}
