/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) for email channel tests: it speaks the
 * wire protocol, checks AUTH, captures every accepted message raw, and can refuse a recipient at RCPT
 * with a permanent (550) or temporary (451) code on demand. `parse()` reads a capture with mailparser.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

export interface FakeSmtpServer {
  /** `smtp://user:pass@127.0.0.1:port` for `createSmtpEmailChannel`. */
  url: string;
  port: number;
  messages: CapturedMail[];
  /** Refuse RCPT TO this address with `code` (550 permanent, 451 temporary) for the next `times` tries. */
  rejectRecipient(address: string, code: 550 | 451 | 552 | 553, times?: number): void;
  /** How many RCPT commands reached the server (accepted or not). */
  rcptAttempts(): number;
  parse(index: number): Promise<ParsedMail>;
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { user?: string; pass?: string } = {}): Promise<FakeSmtpServer> {
  const user = options.user ?? 'curb';
  const pass = options.pass ?? 'smtp-test-pass';
  const messages: CapturedMail[] = [];
  const rejections = new Map<string, { code: number; left: number }>();
  let rcpt = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      rcpt++;
      const r = rejections.get(address.address.toLowerCase());
      if (r && r.left > 0) {
        r.left--;
        const text = r.code === 451 ? '4.7.1 Try again later' : r.code === 552 ? '5.2.2 Mailbox full' : '5.1.1 User unknown';
        return cb(Object.assign(new Error(text), { responseCode: r.code }));
      }
      return cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    port,
    messages,
    rejectRecipient(address, code, times = Number.POSITIVE_INFINITY) {
      rejections.set(address.toLowerCase(), { code, left: times });
    },
    rcptAttempts: () => rcpt,
    parse: (i) => simpleParser(messages[i]!.raw),
    reset() {
      messages.length = 0;
      rejections.clear();
      rcpt = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
