/**
 * Expected failures are values. Adapters and services return `Result<T, E>` so callers must look at the
 * failure, and every failure says whether trying again could help.
 *
 * @example
 * const r = await sms.send(msg);
 * if (!r.ok) return r.error.retry ? defer() : block(r.error.code);
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = AppFailure> = Ok<T> | Err<E>;

/** The failure shape used at adapter and service boundaries. */
export interface AppFailure {
  code: string;
  message: string;
  /** true when the same call may succeed later (timeouts, 5xx, 429); false for permanent refusals. */
  retry: boolean;
  details?: unknown;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

export function failure(code: string, message: string, retry: boolean, details?: unknown): Err<AppFailure> {
  return err({ code, message, retry, ...(details === undefined ? {} : { details }) });
}

/** Unwraps a result or throws its error, for code paths where a failure is a bug. */
export function unwrap<T, E>(r: Result<T, E>): T {
  if (r.ok) return r.value;
  throw r.error instanceof Error ? r.error : new Error(JSON.stringify(r.error));
}
