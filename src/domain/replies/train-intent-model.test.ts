import { describe, expect, it } from 'vitest';
import trainData from '../../../data-files/replies/intent-train.jsonl?raw';
import intentModel from './intent-model.json' with { type: 'json' };
import { IntentExampleSchema } from './intent.js';
import { trainIntentModel } from './train-intent-model.js';

describe('trainIntentModel', () => {
  it('reproduces the committed model from the committed training data (retrain with scripts/train-intent.ts)', () => {
    const examples = trainData
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => IntentExampleSchema.parse(JSON.parse(l)));
    expect(examples.length).toBeGreaterThanOrEqual(600);
    expect(JSON.parse(trainIntentModel({ examples }))).toEqual(intentModel);
  });
});
