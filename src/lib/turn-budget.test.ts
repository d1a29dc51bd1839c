import { describe, expect, it } from 'vitest';
import { TurnBudget } from './turn-budget.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: synchronous work
  }
}

describe('TurnBudget', () => {
  it('is spent after its slice of synchronous work, and fresh again after a turn', async () => {
    const budget = new TurnBudget(5);
    expect(budget.spent()).toBe(false);
    busy(6);
    expect(budget.spent()).toBe(true);
    await budget.turn();
    expect(budget.spent()).toBe(false);
  });

  it('lets I/O callbacks that were already due run during a turn', async () => {
    const budget = new TurnBudget(0);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    expect(ran).toBe(false);
    await budget.turn();
    expect(ran).toBe(true);
  });
});
