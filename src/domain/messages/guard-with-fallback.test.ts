import { describe, expect, it, vi } from 'vitest';
import { buildFactSet } from './build-fact-set.js';
import { guardMessage, type GuardReason } from './guard-message.js';
import { guardWithFallback } from './guard-with-fallback.js';

const facts = buildFactSet({ values: [{ first_name: 'Ann', company: 'Acme Homes', situs_address: '12 Oak St' }] });
const guard = (text: string) => guardMessage({ channel: 'sms', kind: 'initial', text, facts, requireFooter: true, footer: 'Reply STOP to opt out', identity: 'Acme Homes' });
const good = 'Hi Ann, this is Acme Homes. Any interest in selling 12 Oak St?';
const tooLong = `Hi Ann, this is Acme Homes. ${'We buy houses as-is, any condition. '.repeat(4)}`;
const template = 'Hi Ann, Acme Homes here. Would you sell 12 Oak St?';

describe('guardWithFallback', () => {
  it('sends a candidate that passes', async () => {
    const regenerate = vi.fn();
    const r = await guardWithFallback({ candidate: good, guard, regenerate, fallback: () => template });
    expect(r).toMatchObject({ path: 'candidate', sendable: true });
    expect(regenerate).not.toHaveBeenCalled();
  });
  it('asks once more with the reasons when the candidate is over-long, and sends the rewrite', async () => {
    const regenerate = vi.fn(async (_reasons: GuardReason[]) => good);
    const r = await guardWithFallback({ candidate: tooLong, guard, regenerate, fallback: () => template });
    expect(r.path).toBe('rewrite');
    expect(regenerate).toHaveBeenCalledTimes(1);
    expect(regenerate.mock.calls[0]![0]![0]!.code).toBe('over_length_target');
    expect(r.attempts.map((a) => a.verdict)).toEqual(['rewrite', 'pass']);
  });
  it('falls back to the template when the rewrite is still over-long or fails', async () => {
    const still = await guardWithFallback({ candidate: tooLong, guard, regenerate: async () => tooLong, fallback: () => template });
    expect(still).toMatchObject({ path: 'fallback', sendable: true });
    expect(still.result.text).toBe(`${template} Reply STOP to opt out`);
    const thrown = await guardWithFallback({ candidate: tooLong, guard, regenerate: async () => { throw new Error('model down'); }, fallback: () => template });
    expect(thrown.path).toBe('fallback');
  });
  it('goes straight to the template when the candidate invents a price', async () => {
    const regenerate = vi.fn(async () => good);
    const r = await guardWithFallback({ candidate: 'Hi Ann, Acme Homes will pay $300,000 for 12 Oak St.', guard, regenerate, fallback: () => template });
    expect(r.path).toBe('fallback');
    expect(regenerate).not.toHaveBeenCalled();
    expect(r.attempts[0]!.reasons.map((x) => x.code)).toContain('unsupported_price');
  });
  it('uses the template when there is no candidate, and reports a rejected template as not sendable', async () => {
    expect((await guardWithFallback({ candidate: undefined, guard, fallback: () => template })).path).toBe('fallback');
    const bad = await guardWithFallback({ candidate: undefined, guard, fallback: () => 'Visit bit.ly/x' });
    expect(bad.sendable).toBe(false);
  });
});
