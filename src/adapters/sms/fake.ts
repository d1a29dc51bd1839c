import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { SmsChannel, SmsSendRequest, SmsSendResult } from './interface.js';

export interface FakeSmsChannel extends SmsChannel {
  readonly sent: SmsSendRequest[];
  /** The next sends to `to` fail with this failure (all of them unless `times` is given). */
  failFor(to: string, f: AppFailure, times?: number): void;
}

/** A scriptable SMS channel for service tests: records sends, fails on demand, never touches a network. */
export function createFakeSmsChannel(name = 'fake'): FakeSmsChannel {
  const sent: SmsSendRequest[] = [];
  const failures = new Map<string, { f: AppFailure; left: number }>();
  return {
    name,
    sent,
    failFor(to, f, times = Number.POSITIVE_INFINITY) {
      failures.set(to, { f, left: times });
    },
    send(msg): Promise<Result<SmsSendResult, AppFailure>> {
      const scripted = failures.get(msg.to);
      if (scripted && scripted.left > 0) {
        scripted.left--;
        return Promise.resolve(failure(scripted.f.code, scripted.f.message, scripted.f.retry, scripted.f.details));
      }
      sent.push(msg);
      return Promise.resolve(ok({ providerMessageId: `FK${String(sent.length).padStart(32, '0')}`, from: msg.from ?? '+15555550100', status: 'queued' }));
    },
  };
}
