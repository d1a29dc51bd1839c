import naiveBayesTextClassifier from 'wink-naive-bayes-text-classifier';
import { describe, expect, it } from 'vitest';
import testData from '../../../data-files/replies/intent-test.jsonl?raw';
import type { WinkModelJson } from './compile-intent-model.js';
import { compileIntentModel, intentModelOdds } from './compile-intent-model.js';
import { intentFeatures } from './intent-features.js';
import intentModel from './intent-model.json' with { type: 'json' };
import { tokenizeReply } from './tokenize-reply.js';

describe('compileIntentModel', () => {
  it("gives exactly wink's computeOdds on every held-out reply", () => {
    const wink = naiveBayesTextClassifier();
    wink.importJSON(JSON.stringify(intentModel));
    wink.consolidate();
    const compiled = compileIntentModel(intentModel as unknown as WinkModelJson);
    const texts = testData.split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
    for (const text of [...texts, 'zzzz qqqq']) {
      const features = intentFeatures(tokenizeReply(text));
      const expected = wink.computeOdds(features);
      const actual = intentModelOdds(compiled, features);
      if (expected.length === 1 && expected[0]![1] === 0) {
        expect(actual, text).toEqual([]);
        continue;
      }
      expect(actual.map((o) => o[0]), text).toEqual(expected.map((o) => o[0]));
      actual.forEach((o, i) => expect(o[1]).toBeCloseTo(expected[i]![1], 6));
    }
  });
});
