import type { GuardReason, GuardResult } from './guard-message.js';

export type GuardPath = 'candidate' | 'rewrite' | 'fallback';

export interface GuardWithFallbackOptions {
  /** The model's first answer; undefined when the model failed (then the template is used at once). */
  candidate: string | undefined;
  /** Runs the guard on a text (the caller closes over channel, facts, footer and limits). */
  guard: (text: string) => GuardResult;
  /** Asks the model once more, telling it what was wrong. Called at most once, and only for a `rewrite`. */
  regenerate?: (reasons: GuardReason[]) => Promise<string | undefined>;
  /** The rendered template: what is sent when the model's text cannot be. */
  fallback: () => string;
}

export interface GuardWithFallbackResult {
  path: GuardPath;
  result: GuardResult;
  /** Every guard result in order, for the audit trail. */
  attempts: GuardResult[];
  /** False when even the template was rejected: nothing may be queued. */
  sendable: boolean;
}

/**
 * candidate → (if it needs a rewrite) one regenerated answer → the template. A rejected candidate
 * (invented price, forbidden content) is not given a second chance: a model that invents facts once is
 * not trusted to stop on request. The template's own soft issues (`rewrite`, e.g. a long address pushing
 * an SMS to two segments) do not stop it: there is nothing better to send.
 *
 * @example
 * const r = await guardWithFallback({ candidate, guard: (t) => guardMessage({ ...opts, text: t }), regenerate, fallback: () => rendered.body });
 */
export async function guardWithFallback({ candidate, guard, regenerate, fallback }: GuardWithFallbackOptions): Promise<GuardWithFallbackResult> {
  const attempts: GuardResult[] = [];
  if (candidate !== undefined) {
    const first = guard(candidate);
    attempts.push(first);
    if (first.verdict === 'pass') return { path: 'candidate', result: first, attempts, sendable: true };
    if (first.verdict === 'rewrite' && regenerate) {
      let second: string | undefined;
      try {
        second = await regenerate(first.reasons);
      } catch {
        second = undefined;
      }
      if (second !== undefined) {
        const again = guard(second);
        attempts.push(again);
        if (again.verdict === 'pass') return { path: 'rewrite', result: again, attempts, sendable: true };
      }
    }
  }
  const last = guard(fallback());
  attempts.push(last);
  return { path: 'fallback', result: last, attempts, sendable: last.verdict !== 'reject' };
}
