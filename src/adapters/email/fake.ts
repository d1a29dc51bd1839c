import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { EmailChannel, EmailSendRequest, EmailSendResult, InternalEmailRequest } from './interface.js';

export interface FakeEmailChannel extends EmailChannel {
  readonly sent: EmailSendRequest[];
  /** Internal notification mail (sendInternal). */
  readonly internal: InternalEmailRequest[];
  failFor(to: string, f: AppFailure, times?: number): void;
}

/** A scriptable email channel for service tests. */
export function createFakeEmailChannel(name = 'fake'): FakeEmailChannel {
  const sent: EmailSendRequest[] = [];
  const internal: InternalEmailRequest[] = [];
  const failures = new Map<string, { f: AppFailure; left: number }>();
  return {
    name,
    sent,
    internal,
    failFor(to, f, times = Number.POSITIVE_INFINITY) {
      failures.set(to.toLowerCase(), { f, left: times });
    },
    send(msg): Promise<Result<EmailSendResult, AppFailure>> {
      const scripted = failures.get(msg.to.toLowerCase());
      if (scripted && scripted.left > 0) {
        scripted.left--;
        return Promise.resolve(failure(scripted.f.code, scripted.f.message, scripted.f.retry, scripted.f.details));
      }
      sent.push(msg);
      return Promise.resolve(ok({ providerMessageId: `<fake-${sent.length}@curb.invalid>` }));
    },
    sendInternal(msg): Promise<Result<EmailSendResult, AppFailure>> {
      const scripted = failures.get(msg.to.toLowerCase());
      if (scripted && scripted.left > 0) {
        scripted.left--;
        return Promise.resolve(failure(scripted.f.code, scripted.f.message, scripted.f.retry, scripted.f.details));
      }
      internal.push(msg);
      return Promise.resolve(ok({ providerMessageId: `<fake-internal-${internal.length}@curb.invalid>` }));
    },
  };
}
