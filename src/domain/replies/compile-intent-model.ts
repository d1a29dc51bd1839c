/**
 * Precomputes wink-naive-bayes-text-classifier's scoring for fast inference. wink recomputes every
 * smoothed log-likelihood per call, looping over all labels for each feature and label (about
 * 3,000 texts/s with our character n-grams); the odds are a sum of per-feature terms, so we
 * compute each feature's term once at load and classification becomes one Map lookup per feature
 * (measured ~30x faster). The formula is wink's `odds()`, term for term; a test checks the result
 * equals wink's `computeOdds` on the held-out set.
 */

/** wink's exportJSON layout: [config, samples, count, words, vocabulary]. */
export type WinkModelJson = [
  config: { considerOnlyPresence: boolean; smoothingFactor: number },
  samples: Record<string, number>,
  count: Record<string, Record<string, number>>,
  words: Record<string, number>,
  vocabulary: string[],
];

export interface CompiledIntentModel {
  labels: readonly string[];
  /** Per feature, per label: log2 P(f | label) - log2 P(f | not label), smoothed. */
  terms: ReadonlyMap<string, Float64Array>;
  /** Per label: log2 samples(label) - log2 samples(not label). */
  priors: Float64Array;
}

export function compileIntentModel(model: WinkModelJson): CompiledIntentModel {
  const [config, samples, count, words, vocabulary] = model;
  const labels = Object.keys(samples);
  const sf = config.smoothingFactor;
  const v = vocabulary.length;
  const totalSamples = labels.reduce((s, l) => s + samples[l]!, 0);
  const totalWords = labels.reduce((s, l) => s + words[l]!, 0);
  const priors = new Float64Array(labels.length);
  labels.forEach((l, i) => {
    priors[i] = Math.log2(samples[l]!) - Math.log2(totalSamples - samples[l]!);
  });
  const terms = new Map<string, Float64Array>();
  for (const f of vocabulary) {
    let allCount = 0;
    for (const l of labels) allCount += count[l]![f] ?? 0;
    const row = new Float64Array(labels.length);
    labels.forEach((l, i) => {
      const c = count[l]![f] ?? 0;
      const lh = Math.log2(c + sf) - Math.log2(words[l]! + v * sf);
      const ilh = Math.log2(allCount - c + sf) - Math.log2(totalWords - words[l]! + v * sf);
      row[i] = lh - ilh;
    });
    terms.set(f, row);
  }
  return { labels, terms, priors };
}

/** wink's computeOdds on a compiled model: [label, odds] sorted by odds, or [] when no feature is known. */
export function intentModelOdds(model: CompiledIntentModel, features: readonly string[]): Array<[string, number]> {
  const n = model.labels.length;
  const sums = new Float64Array(n);
  let known = 0;
  for (const f of features) {
    const row = model.terms.get(f);
    if (row === undefined) continue;
    known++;
    for (let i = 0; i < n; i++) sums[i]! += row[i]!;
  }
  if (known === 0) return [];
  const odds: Array<[string, number]> = model.labels.map((l, i) => [l, sums[i]! + model.priors[i]!]);
  return odds.sort((a, b) => b[1] - a[1]);
}
