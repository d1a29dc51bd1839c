/**
 * `npx tsx scripts/evaluate-intent.ts` prints the held-out figures for the reply intent classifier
 * (data-files/replies/intent-test.jsonl): per-class precision/recall/F1 and macro-F1, for the full
 * classifier (rules + model) and for the model alone, plus the misclassified replies.
 * `--calibrate` also picks the model temperature by 5-fold cross-validation on the training file.
 */
import { classifyIntent, predictIntentWithModel } from '../src/domain/replies/classify-intent.js';
import type { IntentEvaluation } from '../src/domain/replies/evaluate-intent.js';
import { evaluateIntent } from '../src/domain/replies/evaluate-intent.js';
import { INTENTS } from '../src/domain/replies/intent.js';
import { tokenizeReply } from '../src/domain/replies/tokenize-reply.js';
import { TEST_PATH, TRAIN_PATH, readIntentExamples } from './train-intent.js';
import naiveBayesTextClassifier from 'wink-naive-bayes-text-classifier';
import { intentFeatures } from '../src/domain/replies/intent-features.js';
import { DEFAULT_SMOOTHING } from '../src/domain/replies/train-intent-model.js';

function table(title: string, e: IntentEvaluation): string {
  const rows = INTENTS.map((c) => {
    const m = e.perClass[c];
    return `| ${c.padEnd(14)} | ${m.precision.toFixed(3)} | ${m.recall.toFixed(3)} | ${m.f1.toFixed(3)} | ${String(m.support).padStart(3)} |`;
  });
  return [
    `### ${title}`,
    '| intent         | P     | R     | F1    | n   |',
    '|----------------|-------|-------|-------|-----|',
    ...rows,
    `macro-F1 ${e.macroF1.toFixed(3)}, accuracy ${e.accuracy.toFixed(3)}`,
  ].join('\n');
}

const test = readIntentExamples(TEST_PATH);
const full = evaluateIntent({ examples: test, predict: (t) => classifyIntent(t).intent });
const modelOnly = evaluateIntent({ examples: test, predict: (t) => predictIntentWithModel(tokenizeReply(t)).intent });
process.stdout.write(`${table(`rules + model (held-out, ${test.length} replies)`, full)}\n\n${table('model only', modelOnly)}\n\n`);
process.stdout.write(`misclassified (rules + model):\n${full.errors.map((x) => `  ${x.expected} -> ${x.predicted}: ${x.text}`).join('\n')}\n`);

let ruleHits = 0;
for (const { text } of test) if (classifyIntent(text).source === 'rules') ruleHits++;
process.stdout.write(`rules decided ${ruleHits}/${test.length} held-out replies\n`);

if (process.argv.includes('--calibrate')) {
  // 5-fold CV on the training file: mean log-loss of the model's probabilities per temperature.
  const train = readIntentExamples(TRAIN_PATH);
  const folds = 5;
  for (const temperature of [1, 2, 4, 6, 8, 10, 12, 16, 20, 30]) {
    let loss = 0;
    let n = 0;
    let correct = 0;
    for (let f = 0; f < folds; f++) {
      const c = naiveBayesTextClassifier();
      c.defineConfig({ smoothingFactor: DEFAULT_SMOOTHING, considerOnlyPresence: false });
      train.forEach((e, i) => i % folds !== f && c.learn(intentFeatures(tokenizeReply(e.text)), e.intent));
      c.consolidate();
      train.forEach((e, i) => {
        if (i % folds !== f) return;
        const odds = c.computeOdds(intentFeatures(tokenizeReply(e.text)));
        const max = Math.max(...odds.map((o) => o[1]));
        const total = odds.reduce((s, o) => s + 2 ** ((o[1] - max) / temperature), 0);
        const mine = odds.find((o) => o[0] === e.intent);
        const prob = mine === undefined ? 1e-6 : 2 ** ((mine[1] - max) / temperature) / total;
        loss += -Math.log(Math.max(prob, 1e-6));
        if (odds[0]![0] === e.intent) correct++;
        n++;
      });
    }
    process.stdout.write(`temperature ${temperature}: CV log-loss ${(loss / n).toFixed(4)}, CV accuracy ${(correct / n).toFixed(3)}\n`);
  }
}
