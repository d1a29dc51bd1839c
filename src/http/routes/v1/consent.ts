import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { ConsentEventSchema, ConsentInputSchema } from '../../../services/consent/consent-schemas.js';
import { listConsent } from '../../../services/consent/list-consent.js';
import { recordConsent } from '../../../services/consent/record-consent.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export async function consentRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/contacts/:id/consent',
    {
      schema: {
        tags: ['consent'],
        summary: 'Record consent with its proof; kind opt_in is a carrier START (re-subscribes that number, is not written consent)',
        params: IdParams,
        body: ConsentInputSchema,
        response: { 201: ConsentEventSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordConsent(services, { locationId: locationOf(request), contactId: request.params.id, input: request.body })),
  );
  r.get(
    '/contacts/:id/consent',
    { schema: { tags: ['consent'], summary: "A contact's consent history, newest first", params: IdParams, response: { 200: z.object({ data: z.array(ConsentEventSchema) }), ...errorResponses } } },
    async (request) => ({ data: await listConsent(services, { locationId: locationOf(request), contactId: request.params.id }) }),
  );
}
