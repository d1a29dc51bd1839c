/**
 * Compliance engine throughput on one core: `decide` decisions/s over varied, realistic situations (every
 * channel and purpose, split and single-zone area codes, state rules, histories, lists), and opt-out detection
 * texts/s over a mix of replies.
 */
import { decide } from '../src/domain/compliance/decide.js';
import type { Situation } from '../src/domain/compliance/situation.js';
import { detectKeywords } from '../src/domain/replies/opt-out.js';
import type { BenchContext } from './harness.js';
import { opsPerSecond } from './harness.js';

const NPAS = ['407', '305', '850', '448', '813', '214', '915', '205', '404', '203', '206', '602', '312', '718', '916', '808'];
const H = 3_600_000;

/** A small deterministic PRNG so every run measures the same situations. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

function situations(n: number): Situation[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = Date.parse('2025-03-01T00:00:00Z');
  const out: Situation[] = [];
  for (let i = 0; i < n; i++) {
    const at = base + Math.floor(r() * 300 * 24 * H);
    const channel = r() < 0.75 ? 'sms' : r() < 0.5 ? 'email' : 'voice';
    const history = Array.from({ length: Math.floor(r() * 4) }, () => ({
      at: new Date(at - Math.floor(r() * 36 * H)).toISOString(),
      channel: pick(['sms', 'email', 'voice'] as const),
      purpose: pick(['marketing', 'marketing', 'informational'] as const),
      direction: pick(['outbound', 'outbound', 'inbound'] as const),
    }));
    out.push({
      at: new Date(at).toISOString(),
      channel,
      purpose: r() < 0.85 ? 'marketing' : 'informational',
      initiation: r() < 0.8 ? 'automated' : 'manual',
      to: channel === 'email' ? `owner${i}@example.com` : `+1${pick(NPAS)}${2_000_000 + Math.floor(r() * 7_999_999)}`,
      body: 'Hi Jane, Sam with Oak Homes here. Would you consider a cash offer on 12 Elm St? Reply STOP to opt out.',
      recipientStates: r() < 0.3 ? [pick(['FL', 'TX', 'GA', 'AL'])] : [],
      hasUnsubscribeLink: true,
      contact: {
        optedOutAt: r() < 0.03 ? new Date(at - 5 * 24 * H).toISOString() : null,
        lists: r() < 0.1 ? ['national_dnc'] : [],
        consent: r() < 0.7 ? { kind: 'written', at: '2024-06-01T00:00:00Z' } : null,
        ebr: r() < 0.1 ? { kind: 'inquiry', at: new Date(at - 30 * 24 * H).toISOString() } : null,
      },
      history,
      account: {
        lastNationalDncScrubAt: new Date(at - Math.floor(r() * 33 * 24 * H)).toISOString(),
        postalAddress: '1 Main St, Orlando FL',
        maxMessagesPerContactPerDay: 1,
      },
    });
  }
  return out;
}

const REPLIES = [
  'STOP', 'Stop texting me', "I'll stop by Tuesday", 'How much would you pay for it?', 'Tame me off yoyr list',
  'not interested', 'No me escribas más', 'end of the month works', 'Yes', 'HELP', 'Can you cancel the appointment?',
  'The roof needs some work but the kitchen was redone in 2019. What is your best offer?', 'wrong number',
  'My attorney will contact you', 'Sounds good, call me after 5pm', 'unsubscibe', 'STOP🛑',
];

export async function run(ctx: BenchContext): Promise<void> {
  const list = situations(20_000);
  // Warm up: JIT, per-zone formatters and offset tables.
  for (let i = 0; i < 40_000; i++) decide(list[i % list.length]!);
  const counts: Record<string, number> = {};
  for (const s of list) {
    const d = decide(s).decision;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  process.stderr.write(`compliance bench mix: ${JSON.stringify(counts)}\n`);
  let best = 0;
  for (let round = 0; round < 3; round++) best = Math.max(best, opsPerSecond(100_000, (i) => decide(list[i % list.length]!)));
  ctx.report({ metric: 'decide', value: best, unit: 'decisions/s' });

  for (let i = 0; i < 20_000; i++) detectKeywords(REPLIES[i % REPLIES.length]!);
  let bestText = 0;
  for (let round = 0; round < 3; round++) bestText = Math.max(bestText, opsPerSecond(100_000, (i) => detectKeywords(REPLIES[i % REPLIES.length]!)));
  ctx.report({ metric: 'optout_detect', value: bestText, unit: 'texts/s' });
}
