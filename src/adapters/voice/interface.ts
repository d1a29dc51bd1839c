/**
 * The voicemail-drop port: leave a recorded or spoken message on an owner's voicemail. Ringless
 * voicemail and AI voice need prior express written consent (compliance-rules.md R-TCPA-RVM); the
 * compliance engine decides before this port is called.
 */
import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +14075550123');

export const VoicemailDropRequestSchema = z
  .object({
    to: e164,
    from: e164.optional(),
    /** A public https URL of the recording (mp3/wav), played after the beep. */
    recordingUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Text spoken by text-to-speech when there is no recording. */
    script: z.string().min(1).max(2_000).optional(),
    idempotencyKey: z.string().min(1).max(200),
    statusCallbackUrl: z.url().optional(),
  })
  .refine((r) => (r.recordingUrl === undefined) !== (r.script === undefined), { message: 'give exactly one of recordingUrl or script', path: ['recordingUrl'] });
export type VoicemailDropRequest = z.infer<typeof VoicemailDropRequestSchema>;

export const VoicemailDropResultSchema = z.object({ providerCallId: z.string().min(1) });
export type VoicemailDropResult = z.infer<typeof VoicemailDropResultSchema>;

/** Voice failures reuse the SMS codes (`invalid_recipient`, `rate_limited`, `timeout`, …). */
export interface VoicemailChannel {
  readonly name: string;
  drop(req: VoicemailDropRequest): Promise<Result<VoicemailDropResult, AppFailure>>;
}
