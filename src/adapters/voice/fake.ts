import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { VoicemailChannel, VoicemailDropRequest, VoicemailDropResult } from './interface.js';

export interface FakeVoicemailChannel extends VoicemailChannel {
  readonly dropped: VoicemailDropRequest[];
  failNext(f: AppFailure): void;
}

/** A scriptable voicemail channel for service tests. */
export function createFakeVoicemailChannel(name = 'fake'): FakeVoicemailChannel {
  const dropped: VoicemailDropRequest[] = [];
  const queue: AppFailure[] = [];
  return {
    name,
    dropped,
    failNext: (f) => void queue.push(f),
    drop(req): Promise<Result<VoicemailDropResult, AppFailure>> {
      const f = queue.shift();
      if (f) return Promise.resolve(failure(f.code, f.message, f.retry, f.details));
      dropped.push(req);
      return Promise.resolve(ok({ providerCallId: `FKCA${String(dropped.length).padStart(30, '0')}` }));
    },
  };
}
