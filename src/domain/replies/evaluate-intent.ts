/**
 * Held-out evaluation of an intent predictor: per-class precision/recall/F1, macro-F1, accuracy and
 * the confusion matrix. Shared by scripts/evaluate-intent.ts and the test that guards the figure.
 */
import type { Intent, IntentExample } from './intent.js';
import { INTENTS } from './intent.js';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface IntentEvaluation {
  perClass: Record<Intent, ClassMetrics>;
  macroF1: number;
  accuracy: number;
  /** confusion[expected][predicted] = count. */
  confusion: Record<Intent, Record<Intent, number>>;
  errors: Array<{ text: string; expected: Intent; predicted: Intent }>;
}

export interface EvaluateIntentOptions {
  examples: readonly IntentExample[];
  predict: (text: string) => Intent;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function evaluateIntent(options: EvaluateIntentOptions): IntentEvaluation {
  const confusion = {} as Record<Intent, Record<Intent, number>>;
  for (const a of INTENTS) {
    confusion[a] = {} as Record<Intent, number>;
    for (const b of INTENTS) confusion[a][b] = 0;
  }
  const errors: IntentEvaluation['errors'] = [];
  let correct = 0;
  for (const { text, intent } of options.examples) {
    const predicted = options.predict(text);
    confusion[intent][predicted]++;
    if (predicted === intent) correct++;
    else errors.push({ text, expected: intent, predicted });
  }
  const perClass = {} as Record<Intent, ClassMetrics>;
  let f1Sum = 0;
  for (const c of INTENTS) {
    const tp = confusion[c][c];
    let predicted = 0;
    let support = 0;
    for (const o of INTENTS) {
      predicted += confusion[o][c];
      support += confusion[c][o];
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision: r3(precision), recall: r3(recall), f1: r3(f1), support };
    f1Sum += f1;
  }
  return { perClass, macroF1: r3(f1Sum / INTENTS.length), accuracy: r3(correct / Math.max(1, options.examples.length)), confusion, errors };
}
