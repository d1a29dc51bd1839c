/**
 * The local Twilio-compatible server (`twilio-server.ts`) in a child process, for measurements: a real
 * provider is another machine, so its CPU must not be counted in the dispatcher's process. The child
 * answers the same REST wire format; the parent reads the counts it needs over IPC.
 *
 * @example const twilio = await startTwilioServerProcess(); … (await twilio.stats()).messages; await twilio.close();
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTwilioServer } from './twilio-server.js';

export interface TwilioServerProcess {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted, and how many times each To+Body pair was accepted beyond the first. */
  stats(): Promise<{ messages: number; duplicates: number }>;
  close(): Promise<void>;
}

type Ready = { type: 'ready'; baseUrl: string; accountSid: string; authToken: string };
type Stats = { type: 'stats'; messages: number; duplicates: number };

export async function startTwilioServerProcess(): Promise<TwilioServerProcess> {
  // The parent's loader flags (tsx) carry over, so the child runs this same TypeScript file.
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(type: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string }): void => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null): void => reject(new Error(`twilio server process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<Ready>('ready');
  return {
    baseUrl: ready.baseUrl,
    accountSid: ready.accountSid,
    authToken: ready.authToken,
    async stats() {
      const answer = next<Stats>('stats');
      child.send({ type: 'stats' });
      const s = await answer;
      return { messages: s.messages, duplicates: s.duplicates };
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' });
      }),
  };
}

if (process.argv.includes('--child') && process.send) {
  const server = await startTwilioServer();
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stats') {
      const duplicates = server.duplicates().reduce((n, d) => n + d.count - 1, 0);
      process.send!({ type: 'stats', messages: server.messages.length, duplicates } satisfies Stats);
    } else if (m.type === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send({ type: 'ready', baseUrl: server.baseUrl, accountSid: server.accountSid, authToken: server.authToken } satisfies Ready);
}
