/** The six reply intents. Definitions and labelling decisions: docs/guides/replies.md. */
import { z } from 'zod';

export const INTENTS = ['interested', 'not_interested', 'question', 'opt_out', 'wrong_number', 'unknown'] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

/** One labelled reply, as stored one per line in data-files/replies/intent-{train,test}.jsonl. */
export const IntentExampleSchema = z.object({ text: z.string().min(1), intent: IntentSchema });
export type IntentExample = z.infer<typeof IntentExampleSchema>;
