/**
 * pg-boss on the same database as everything else (PGlite through its `db` adapter, PostgreSQL through
 * the pool), so a job and the rows it writes share one durable store.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';
import type { JobDefinition } from './define-job.js';
import { jobDefinitions } from './registry.js';

export interface Queue {
  boss: PgBoss;
  /** Enqueue a job by definition; payload validated against its schema. Returns the job id. */
  send<P>(def: JobDefinition, payload: P, options?: PgBoss.SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

export async function startQueue(options: { database: Database; schema: string; supervise: boolean; cron: boolean }): Promise<Queue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => options.database.executeSql(text, values) },
    schema: options.schema,
    supervise: options.supervise,
    schedule: options.cron,
    migrate: true,
  } as PgBoss.ConstructorOptions);
  const errors: Error[] = [];
  boss.on('error', (e) => errors.push(e));
  await boss.start();
  for (const def of jobDefinitions) {
    // createQueue is idempotent in pg-boss 10 only through getQueue; check first.
    if (!(await boss.getQueue(def.name))) {
      await boss.createQueue(def.name, {
        name: def.name,
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 5,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
      });
    }
    // Periodic jobs (handoff.watchdog): one schedule per definition, kept by the process that runs cron.
    if (def.cron && options.cron) await boss.schedule(def.name, def.cron, {});
  }
  return {
    boss,
    async send(def, payload, sendOptions) {
      const data = def.schema.parse(payload) as object;
      return boss.send(def.name, data, sendOptions ?? {});
    },
    async stop() {
      await boss.stop({ graceful: false, wait: true, timeout: 1000 } as PgBoss.StopOptions);
    },
  };
}
