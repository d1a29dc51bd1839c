// Types for the two untyped packages the replies domain uses (inputs are pre-computed feature arrays for wink).
declare module 'wink-naive-bayes-text-classifier' {
  export interface NaiveBayesTextClassifier {
    learn(input: string[], label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string[]): Array<[label: string, odds: number]>;
    predict(input: string[]): string;
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    exportJSON(): string;
    importJSON(json: string): boolean;
    stats(): { labelWiseSamples: Record<string, number>; labelWiseWords: Record<string, number>; vocabulary: number };
  }
  const naiveBayesTextClassifier: () => NaiveBayesTextClassifier;
  export default naiveBayesTextClassifier;
}

// `sentiment` ships no types. Its language processor is the package's own loader for the AFINN-165
// word list merged with the Emoji Sentiment Ranking table; importing it (CommonJS) rather than the
// JSON files directly works the same under node, tsx and vitest.
declare module 'sentiment/lib/language-processor.js' {
  const languageProcessor: { getLanguage(code: string): { labels: Record<string, number> } };
  export default languageProcessor;
}

// Tests read the committed JSONL data through vite's `?raw` import: the domain's lint forbids node:fs,
// and the data files are the project's, not a package's.
declare module '*.jsonl?raw' {
  const text: string;
  export default text;
}
