import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOUCH_PLAN } from '../../domain/sequence/steps.js';
import { loadSdrConfig, parseSdrConfig } from './load-sdr-config.js';

const shipped = readFileSync('config/sdr.yaml', 'utf8');

describe('loadSdrConfig', () => {
  it('loads the shipped config/sdr.yaml with seed 003 timing and thresholds', async () => {
    const r = await loadSdrConfig();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const steps = r.value.sequences.default!.steps;
    expect(steps.map((s) => s.step)).toEqual([...DEFAULT_TOUCH_PLAN, 'NURTURE_PAUSE']);
    expect(steps.map((s) => s.day)).toEqual([0, 1, 3, 5, 8, 12, 16, 21]);
    expect(r.value.qualification).toEqual({ frsThreshold: 60, confidenceThreshold: 0.7 });
    expect(r.value.rateLimits).toEqual({ maxTouchesPerContactPerDay: 1, dailySmsCap: 500, perNumberPacing: { messages: 1, perSeconds: 2 } });
    expect(r.value.cadence).toEqual({ processEveryMinutes: 15, batchSize: 50 });
  });

  it('names the file and the field of a bad value', () => {
    const r = parseSdrConfig(shipped.replace('{ step: SMS_2, day: 3 }', '{ step: SMS_2, day: 1 }'), 'config/sdr.yaml');
    expect(!r.ok && r.error.message).toBe("config/sdr.yaml: sequences.default.steps.2.day: must be later than the previous step's day 1 (one touch per day at most)");
    const t = parseSdrConfig(shipped.replace('frs_threshold: 60', 'frs_threshold: 160'), 'x.yaml');
    expect(!t.ok && t.error.message).toMatch(/^x\.yaml: qualification\.frs_threshold: /);
    const u = parseSdrConfig(shipped.replace('batch_size: 50', 'batch_size: 50\n  batch_sise: 5'), 'x.yaml');
    expect(!u.ok && u.error.message).toMatch(/^x\.yaml: cadence: .*batch_sise/);
  });

  it('requires NURTURE_PAUSE last and a default sequence', () => {
    const r = parseSdrConfig(shipped.replace('      - { step: NURTURE_PAUSE, day: 21 }\n  # Email', '  # Email'), 'f.yaml');
    expect(!r.ok && r.error.message).toMatch(/sequences\.default\.steps\.6\.step: the last step must be NURTURE_PAUSE/);
    const d = parseSdrConfig(shipped.replace('  default:', '  standard:'), 'f.yaml');
    expect(!d.ok && d.error.message).toMatch(/sequences: a `default` sequence is required/);
  });

  it('reports unreadable files and broken YAML', async () => {
    const r = await loadSdrConfig({ file: 'config/nope.yaml' });
    expect(!r.ok && r.error).toMatchObject({ code: 'sdr_config_unreadable' });
    const y = parseSdrConfig('version: [1', 'f.yaml');
    expect(!y.ok && y.error.message).toMatch(/^f\.yaml: not valid YAML/);
  });
});
