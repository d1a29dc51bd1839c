/**
 * Long synchronous loops that share the event loop with database I/O (a lead import parses and prepares the
 * next batch while the current one is written) let it turn after a slice of *time* rather than of rows: a
 * statement's answer, or the socket's room for more COPY data, waits at most about `ms` for the next turn
 * however much work a row takes.
 *
 *   const budget = new TurnBudget(1);
 *   for (const row of rows) {
 *     if (budget.spent()) await budget.turn();
 *     work(row);
 *   }
 */
export class TurnBudget {
  private last = performance.now();

  constructor(private readonly ms: number) {}

  /** True when the work since the last turn has used the slice. */
  spent(): boolean {
    return performance.now() - this.last >= this.ms;
  }

  /** Lets pending I/O callbacks run, then starts a new slice. */
  async turn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
