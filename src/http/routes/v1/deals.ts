import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { DealInputSchema, DealListQuerySchema, DealSchema } from '../../../services/deals/deal-schemas.js';
import { getDeal, listDeals } from '../../../services/deals/list-deals.js';
import { recordDeal } from '../../../services/deals/record-deal.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const tags = ['deals'];

export async function dealRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/deals',
    { schema: { tags, summary: "Record a closed deal on a lead; attribution is filled from the lead's first touch and property", body: DealInputSchema, response: { 201: DealSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await recordDeal(services, { locationId: locationOf(request), input: request.body })),
  );
  r.get(
    '/deals',
    { schema: { tags, summary: 'Deals, most recently closed first', querystring: DealListQuerySchema, response: { 200: z.object({ data: z.array(DealSchema) }), ...errorResponses } } },
    async (request) => ({ data: await listDeals(services, { locationId: locationOf(request), query: request.query }) }),
  );
  r.get(
    '/deals/:id',
    { schema: { tags, summary: 'A deal with its attribution', params: z.object({ id: z.string().uuid() }), response: { 200: DealSchema, ...errorResponses } } },
    async (request) => getDeal(services, { locationId: locationOf(request), dealId: request.params.id }),
  );
}
