/**
 * IMAP polling (imapflow), the alternative to the inbound webhook for a mailbox Curb can log in to
 * (`IMAP_URL=imaps://user:pass@host:993`). Each unseen message in INBOX goes through the same path as the
 * webhook (receiveInboundEmail → runInbound) and is then flagged \Seen; the Message-ID de-duplicates a
 * message fetched twice (a crash between storing and flagging).
 */
import { ImapFlow } from 'imapflow';
import type { AppServices } from '../app-services.js';
import { receiveInboundEmail } from './receive-inbound-email.js';
import { runInbound } from './run-inbound.js';

export interface PollImapResult {
  fetched: number;
  stored: number;
  duplicates: number;
  unroutable: number;
}

/** Connection options from an `imap(s)://user:pass@host:port/Mailbox` URL. */
export function imapOptionsFromUrl(url: string): { host: string; port: number; secure: boolean; auth: { user: string; pass: string }; mailbox: string } {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** Handles a batch of raw messages (the part below the IMAP fetch, tested without a server). */
export async function handleFetchedEmails(services: AppServices, raws: ReadonlyArray<Buffer | string>): Promise<PollImapResult> {
  const r: PollImapResult = { fetched: raws.length, stored: 0, duplicates: 0, unroutable: 0 };
  for (const raw of raws) {
    const received = await receiveInboundEmail(services, { raw });
    if (!received.routed) {
      r.unroutable++;
      services.logger.info({ reason: received.reason }, 'inbound email not filed');
      continue;
    }
    if (received.duplicate) r.duplicates++;
    else r.stored++;
    await runInbound(services, received);
  }
  return r;
}

export async function pollImap(services: AppServices, o: { url?: string; limit?: number } = {}): Promise<PollImapResult | null> {
  const url = o.url ?? services.config.env.IMAP_URL;
  if (!url) return null;
  const opts = imapOptionsFromUrl(url);
  const client = new ImapFlow({ host: opts.host, port: opts.port, secure: opts.secure, auth: opts.auth, logger: false });
  await client.connect();
  const total: PollImapResult = { fetched: 0, stored: 0, duplicates: 0, unroutable: 0 };
  try {
    const lock = await client.getMailboxLock(opts.mailbox);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of uids.slice(0, o.limit ?? 200)) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        const r = await handleFetchedEmails(services, [msg.source]);
        total.fetched += r.fetched;
        total.stored += r.stored;
        total.duplicates += r.duplicates;
        total.unroutable += r.unroutable;
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
  return total;
}
