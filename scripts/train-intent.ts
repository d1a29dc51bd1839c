/**
 * `npx tsx scripts/train-intent.ts` retrains the reply intent model from
 * data-files/replies/intent-train.jsonl and writes src/domain/replies/intent-model.json.
 * Run it after editing the training data, then `npx tsx scripts/evaluate-intent.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntentExampleSchema } from '../src/domain/replies/intent.js';
import { trainIntentModel } from '../src/domain/replies/train-intent-model.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads a JSONL file of labelled replies, naming the line of any bad row. */
export function readIntentExamples(path: string) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = IntentExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${n}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const TRAIN_PATH = join(root, 'data-files/replies/intent-train.jsonl');
export const TEST_PATH = join(root, 'data-files/replies/intent-test.jsonl');
export const MODEL_PATH = join(root, 'src/domain/replies/intent-model.json');

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const examples = readIntentExamples(TRAIN_PATH);
  const model = trainIntentModel({ examples });
  // Stored as a JSON array (wink's export format) so the domain imports it statically.
  writeFileSync(MODEL_PATH, `${model}\n`);
  process.stdout.write(`trained on ${examples.length} examples -> ${MODEL_PATH} (${model.length} bytes)\n`);
}
