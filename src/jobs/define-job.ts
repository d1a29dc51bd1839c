import type { z } from 'zod';
import type { AppServices } from '../services/app-services.js';

/** A job is an id, a zod payload schema and a handler (documenso jobs/definitions). */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Retries with exponential backoff for failures that may pass (pg-boss). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer than this is considered lost and retried. */
  expireInSeconds?: number;
  /** How many jobs one worker process runs at a time. */
  concurrency?: number;
  /**
   * How many jobs each of those slots fetches at once (default 1). A slot polls at most once a second
   * while it finds work in under a second, so one job per fetch caps a queue at `concurrency` jobs a
   * second; a batch is one fetch and one completion statement, its jobs run one after another and each
   * fails (and is retried) on its own.
   */
  batchSize?: number;
  /** Optional cron (UTC) for periodic jobs; the scheduler keeps one schedule per definition. */
  cron?: string;
  handler: (payload: z.infer<S>, ctx: JobContext) => Promise<unknown>;
}

export interface JobContext {
  jobId: string;
  services: AppServices;
  /** Aborted when the process is shutting down and the job should stop at the next safe point. */
  signal: AbortSignal;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
