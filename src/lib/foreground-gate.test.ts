import { describe, expect, it } from 'vitest';
import { createForegroundGate } from './foreground-gate.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('createForegroundGate', () => {
  it('lets background jobs straight in when no webhook is in flight, any number at once', async () => {
    const gate = createForegroundGate();
    const releases = await Promise.all([gate.background(1000), gate.background(1000), gate.background(1000)]);
    expect(gate.backgroundRunning()).toBe(3);
    for (const r of releases) r();
    expect(gate.backgroundRunning()).toBe(0);
  });

  it('holds a job back until the webhooks in flight have ended', async () => {
    const gate = createForegroundGate();
    gate.enter();
    let started = false;
    const turn = gate.background(10_000).then((release) => {
      started = true;
      return release;
    });
    await tick();
    expect(started).toBe(false);
    gate.leave();
    (await turn)();
    expect(started).toBe(true);
  });

  it('holds a job back no longer than the given wait, so background work never stops', async () => {
    const gate = createForegroundGate();
    gate.enter();
    const t0 = performance.now();
    const release = await gate.background(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    expect(gate.backgroundRunning()).toBe(1);
    release();
    gate.leave();
  });

  it('runs one job at a time while webhooks keep coming, and the next when it ends', async () => {
    const gate = createForegroundGate();
    gate.enter();
    const first = await gate.background(5);
    let second: (() => void) | undefined;
    void gate.background(5).then((r) => (second = r));
    await new Promise((r) => setTimeout(r, 30));
    expect(second).toBeUndefined();
    first();
    await tick();
    expect(second).toBeDefined();
    expect(gate.backgroundRunning()).toBe(1);
    second!();
    gate.leave();
  });

  it('counts a request once even if it is reported ended twice, and a job once if released twice', async () => {
    const gate = createForegroundGate();
    gate.enter();
    gate.leave();
    gate.leave();
    expect(gate.inFlight()).toBe(0);
    const release = await gate.background(10);
    release();
    release();
    expect(gate.backgroundRunning()).toBe(0);
  });
});
