/**
 * Reply understanding throughput: classifyReply (tokenize, sentiment, intent rules/model, objection)
 * over a realistic mix of short replies. Target >= 5,000 texts/s on one core.
 */
import type { BenchContext } from './harness.js';
import { opsPerSecond } from './harness.js';
import { classifyBatch, classifyReply } from '../src/domain/replies/classify-reply.js';
import { scoreSentiment } from '../src/domain/replies/score-sentiment.js';
import { classifyIntent } from '../src/domain/replies/classify-intent.js';

const REPLIES = [
  'Tame me off yoyr list', '⛵️', 'Sold it', 'how much u offering', 'Maybe. Whats ur number', 'who is this??', 'STOP',
  'Not interested', 'Not now but maybe next year', 'yes call me after 5 👍', 'I have a realtor already', 'Zillow says its worth 320k',
  'My mom passed away and left me the house, what would you offer?', 'ok', 'Liked "Hi this is Sam"', 'we are thinking about it, need to talk to my wife',
  'Its a rental, tenant is behind on rent and the roof leaks. Would take 180k if you can close fast', 'No gracias', 'wrong number', 'lol no',
];

export async function run(ctx: BenchContext): Promise<void> {
  // Warm up the JIT so the figure is steady-state throughput.
  for (let i = 0; i < 5_000; i++) classifyReply(REPLIES[i % REPLIES.length]!);
  const n = 50_000;
  ctx.report({ metric: 'classify', value: opsPerSecond(n, (i) => classifyReply(REPLIES[i % REPLIES.length]!)), unit: 'texts/s' });
  ctx.report({ metric: 'sentiment', value: opsPerSecond(n, (i) => scoreSentiment(REPLIES[i % REPLIES.length]!)), unit: 'texts/s' });
  ctx.report({ metric: 'intent', value: opsPerSecond(n, (i) => classifyIntent(REPLIES[i % REPLIES.length]!)), unit: 'texts/s' });
  const batch = Array.from({ length: 1_000 }, (_, i) => REPLIES[i % REPLIES.length]!);
  ctx.report({ metric: 'classify-batch-1000', value: opsPerSecond(20, () => classifyBatch(batch)) * batch.length, unit: 'texts/s' });
}
