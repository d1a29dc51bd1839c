/**
 * The schema of `config/sdr.yaml` (seed 003 `sdr_config.yaml`). YAML keys are snake_case as in the seed;
 * the parsed value is camelCase.
 */
import { z } from 'zod';
import type { StepTiming } from './next-touch.js';
import { TouchStepSchema } from './steps.js';

const StepTimingSchema = z.strictObject({
  step: z.union([TouchStepSchema, z.literal('NURTURE_PAUSE')]),
  day: z.number().min(0).max(365),
});

const SequenceConfigSchema = z
  .strictObject({ steps: z.array(StepTimingSchema).min(2) })
  .superRefine(({ steps }, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.step)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'step'], message: `${s.step} appears twice` });
      seen.add(s.step);
      const prev = steps[i - 1];
      if (prev && s.day <= prev.day) ctx.addIssue({ code: 'custom', path: ['steps', i, 'day'], message: `must be later than the previous step's day ${prev.day} (one touch per day at most)` });
      const last = i === steps.length - 1;
      if (last && s.step !== 'NURTURE_PAUSE') ctx.addIssue({ code: 'custom', path: ['steps', i, 'step'], message: 'the last step must be NURTURE_PAUSE' });
      if (!last && s.step === 'NURTURE_PAUSE') ctx.addIssue({ code: 'custom', path: ['steps', i, 'step'], message: 'NURTURE_PAUSE must be the last step' });
    });
  });

export const SdrConfigSchema = z
  .strictObject({
    version: z.literal(1),
    sequences: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), SequenceConfigSchema).refine((s) => 'default' in s, { message: 'a `default` sequence is required' }),
    qualification: z.strictObject({
      frs_threshold: z.number().min(0).max(100),
      confidence_threshold: z.number().min(0).max(1),
    }),
    rate_limits: z.strictObject({
      max_touches_per_contact_per_day: z.number().int().min(1).max(3),
      daily_sms_cap: z.number().int().min(1),
      per_number_pacing: z.strictObject({ messages: z.number().int().min(1), per_seconds: z.number().positive() }),
    }),
    cadence: z.strictObject({
      process_every_minutes: z.number().int().min(1).max(1440),
      batch_size: z.number().int().min(1).max(1000),
    }),
    send_time: z.strictObject({
      smart_share: z.number().min(0).max(1),
      experiment_salt: z.string().min(1),
    }),
    reliability: z.strictObject({
      retries: z.number().int().min(0).max(10),
      backoff_base_ms: z.number().int().min(1),
      backoff_max_ms: z.number().int().min(1),
      circuit_failure_threshold: z.number().int().min(1),
      circuit_cool_down_seconds: z.number().int().min(1),
    }),
  })
  .transform((c) => ({
    version: c.version,
    sequences: Object.fromEntries(Object.entries(c.sequences).map(([k, v]) => [k, { steps: v.steps as StepTiming[] }])) as Record<string, { steps: StepTiming[] }>,
    qualification: { frsThreshold: c.qualification.frs_threshold, confidenceThreshold: c.qualification.confidence_threshold },
    rateLimits: {
      maxTouchesPerContactPerDay: c.rate_limits.max_touches_per_contact_per_day,
      dailySmsCap: c.rate_limits.daily_sms_cap,
      perNumberPacing: { messages: c.rate_limits.per_number_pacing.messages, perSeconds: c.rate_limits.per_number_pacing.per_seconds },
    },
    cadence: { processEveryMinutes: c.cadence.process_every_minutes, batchSize: c.cadence.batch_size },
    sendTime: { smartShare: c.send_time.smart_share, experimentSalt: c.send_time.experiment_salt },
    reliability: {
      retries: c.reliability.retries,
      backoffBaseMs: c.reliability.backoff_base_ms,
      backoffMaxMs: c.reliability.backoff_max_ms,
      circuitFailureThreshold: c.reliability.circuit_failure_threshold,
      circuitCoolDownSeconds: c.reliability.circuit_cool_down_seconds,
    },
  }));

export type SdrConfig = z.output<typeof SdrConfigSchema>;
