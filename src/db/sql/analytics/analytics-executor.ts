import type { Database, SqlExecutor } from '../../client.js';

/**
 * Runs each analytics statement in its own short transaction with a larger `work_mem`, so the hash
 * aggregates over a cohort of leads stay in memory instead of spilling to disk (the default 4 MB spills at
 * ~50k leads), and without JIT: these statements are estimated expensive enough to trigger it, and compiling
 * them costs more (100–300 ms measured) than it saves on a few hundred thousand rows. Read-only; nothing
 * else changes. `parallel: false` also turns parallel workers off, for a statement that runs next to a longer one
 * and would only take cores from it.
 */
export function analyticsExecutor(database: Pick<Database, 'transaction' | 'kind'>, options: { parallel?: boolean } = {}): SqlExecutor {
  return {
    executeSql: (text, values) =>
      database.transaction(async (tx) => {
        await tx.executeSql("set local work_mem = '64MB'");
        if (database.kind === 'postgres') {
          await tx.executeSql('set local jit = off');
          if (options.parallel === false) await tx.executeSql('set local max_parallel_workers_per_gather = 0');
        }
        return tx.executeSql(text, values);
      }),
  };
}
