/**
 * The one place where an error becomes an HTTP response: `{ error: { code, message, details } }`.
 * Expected failures (validation, auth, not found) are logged at info; anything else is a bug.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCode, type ErrorBody, httpStatusOf } from '../lib/errors.js';

function fromFastify(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(ErrorCode.PayloadTooLarge, 'request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(ErrorCode.UnsupportedMediaType, `unsupported content type`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(ErrorCode.BadRequest, 'request body is not valid JSON');
    default:
      if (error instanceof SyntaxError || error.statusCode === 400) return new AppError(ErrorCode.BadRequest, error.message);
      return null;
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError | null = null;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message ?? 'invalid',
      }));
      const first = issues[0];
      appError = new AppError(ErrorCode.ValidationFailed, first ? `invalid ${first.path}: ${first.message}` : 'invalid request', { issues });
    } else if (error instanceof AppError) {
      appError = error;
    } else {
      appError = fromFastify(error);
    }
    if (appError) {
      request.log.info({ code: appError.code, msg: appError.message }, 'request failed');
      const body: ErrorBody = appError.toBody();
      return reply.status(httpStatusOf(appError.code)).send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    const body: ErrorBody = { error: { code: ErrorCode.Internal, message: 'internal error', details: { requestId: request.id } } };
    return reply.status(500).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: ErrorCode.NotFound, message: `route ${request.method} ${request.url.split('?')[0]} not found` } };
    return reply.status(404).send(body);
  });
}
