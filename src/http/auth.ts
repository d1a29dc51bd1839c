import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../lib/errors.js';
import type { AppServices } from '../services/app-services.js';
import { type AuthenticatedKey, authenticateApiKey } from '../services/auth/authenticate-api-key.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthenticatedKey | null;
  }
}

/** The location every /v1 handler works in; set by the auth hook, never taken from the request body. */
export function locationOf(request: FastifyRequest): string {
  if (!request.auth) throw new AppError(ErrorCode.Unauthorized, 'missing or invalid API key');
  return request.auth.locationId;
}

/**
 * Every route registered inside the plugin this hook is added to needs `Authorization: Bearer <key>`.
 * The 401 never says whether the key was malformed, unknown or revoked.
 */
export function requireApiKey(app: FastifyInstance, services: AppServices): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const auth = match ? await authenticateApiKey(services, { presented: match[1]! }) : null;
    if (!auth) {
      reply.header('www-authenticate', 'Bearer realm="curb"');
      throw new AppError(ErrorCode.Unauthorized, 'missing or invalid API key');
    }
    request.auth = auth;
  });
}
