/**
 * `buildApp(services)` is the Fastify factory: routes, auth, error handling and OpenAPI. It does not
 * listen; `curb serve` does, and tests call `app.inject()`.
 */
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services/app-services.js';
import { requireApiKey } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import { healthRoutes } from './routes/health.js';
import { campaignRoutes } from './routes/v1/campaigns.js';
import { communicationRoutes } from './routes/v1/communications.js';
import { complianceRoutes } from './routes/v1/compliance.js';
import { consentRoutes } from './routes/v1/consent.js';
import { contactRoutes } from './routes/v1/contacts.js';
import { importRoutes } from './routes/v1/imports.js';
import { propertyRoutes } from './routes/v1/properties.js';
import { locationRoutes } from './routes/v1/location.js';
import { suppressionRoutes } from './routes/v1/suppressions.js';
import { messageRoutes } from './routes/v1/messages.js';
import { outreachRoutes } from './routes/v1/outreach.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { twilioStatusRoutes } from './routes/webhooks/twilio-status.js';
import { conversationRoutes } from './routes/v1/conversations.js';
import { emailInboundWebhook } from './routes/webhooks/email-inbound.js';
import { twilioSmsWebhook } from './routes/webhooks/twilio-sms.js';
import { abTestRoutes } from './routes/v1/ab-tests.js';
import { analyticsRoutes } from './routes/v1/analytics.js';
import { dealRoutes } from './routes/v1/deals.js';
import { statsRoutes } from './routes/v1/stats.js';
import { systemRoutes } from './routes/v1/system.js';
import { dashboardRoutes } from './dashboard.js';
import { ghlWebhook } from './routes/webhooks/ghl.js';
import { sdrRoutes } from './routes/v1/sdr.js';
import type { ForegroundGate } from '../lib/foreground-gate.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface BuildAppOptions {
  /** Counts the provider webhooks in flight, so the same process's job batches wait for a gap in them. */
  foreground?: ForegroundGate;
}

export async function buildApp(services: AppServices, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { env } = services.config;
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: env.BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    // Accept a caller's request id only when it is harmless to log; otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandler(app);

  if (env.CORS_ORIGINS) {
    await app.register(cors, { origin: env.CORS_ORIGINS.split(',').map((o) => o.trim()) });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'Curb API', version: '0.1.0', description: 'Compliant outreach for real-estate investors. Every /v1 route needs `Authorization: Bearer <api key>`.' },
      servers: [{ url: env.PUBLIC_URL }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await healthRoutes(app, services);
  await app.register(async (scope) => twilioStatusRoutes(scope, services));
  await app.register(async (scope) => unsubscribeRoutes(scope, services));
  // Webhooks authenticate themselves (provider signature, shared secret), not with an API key.
  await app.register(async (inbound) => {
    if (options.foreground) countForeground(inbound, options.foreground);
    await inbound.register(async (scope) => twilioSmsWebhook(scope, services));
    await inbound.register(async (scope) => emailInboundWebhook(scope, services));
    await inbound.register(async (scope) => ghlWebhook(scope, services));
  });
  await app.register(
    async (v1) => {
      requireApiKey(v1, services);
      await locationRoutes(v1, services);
      await contactRoutes(v1, services);
      await campaignRoutes(v1, services);
      await communicationRoutes(v1, services);
      await complianceRoutes(v1, services);
      await suppressionRoutes(v1, services);
      await consentRoutes(v1, services);
      await v1.register(async (scope) => importRoutes(scope, services));
      await propertyRoutes(v1, services);
      await messageRoutes(v1, services);
      await outreachRoutes(v1, services);
      await conversationRoutes(v1, services);
      await analyticsRoutes(v1, services);
      await statsRoutes(v1, services);
      await dealRoutes(v1, services);
      await abTestRoutes(v1, services);
      await systemRoutes(v1, services);
      await sdrRoutes(v1, services);
    },
    { prefix: '/v1' },
  );
  await app.register(async (web) => dashboardRoutes(web));
  return app;
}

/** Every request of the scope enters the gate once and leaves it once, answered or aborted. */
function countForeground(scope: FastifyInstance, gate: ForegroundGate): void {
  const counted = new WeakSet<object>();
  const leave = async (request: object): Promise<void> => {
    if (counted.delete(request)) gate.leave();
  };
  scope.addHook('onRequest', async (request) => {
    counted.add(request);
    gate.enter();
  });
  scope.addHook('onResponse', leave);
  scope.addHook('onRequestAbort', leave);
}
