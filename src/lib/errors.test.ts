import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode, exitCodeOf, httpStatusOf, validationError } from './errors.js';

describe('error codes', () => {
  it('maps codes to HTTP statuses and CLI exits in one place', () => {
    expect(httpStatusOf(ErrorCode.Unauthorized)).toBe(401);
    expect(httpStatusOf(ErrorCode.NotFound)).toBe(404);
    expect(exitCodeOf(ErrorCode.ValidationFailed)).toBe(2);
    expect(exitCodeOf(ErrorCode.Internal)).toBe(1);
  });

  it('names the failing field in validation errors', () => {
    const r = z.object({ contact: z.object({ phone: z.string() }) }).safeParse({ contact: { phone: 5 } });
    expect(r.success).toBe(false);
    const e = validationError(r.error!.issues, 'contact');
    expect(e).toBeInstanceOf(AppError);
    expect(e.message).toContain('contact.phone');
    expect(e.toBody().error.code).toBe('validation_failed');
  });
});
