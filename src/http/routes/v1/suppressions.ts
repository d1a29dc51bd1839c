import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { addSuppression } from '../../../services/suppressions/add-suppression.js';
import { deleteSuppression } from '../../../services/suppressions/delete-suppression.js';
import { listSuppressions } from '../../../services/suppressions/list-suppressions.js';
import { SuppressionInputSchema, SuppressionQuerySchema, SuppressionSchema } from '../../../services/suppressions/suppression-schemas.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export async function suppressionRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/suppressions',
    { schema: { tags: ['suppressions'], summary: "Add a phone or email to this location's internal DNC list", body: SuppressionInputSchema, response: { 201: SuppressionSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await addSuppression(services, { locationId: locationOf(request), input: request.body })),
  );
  r.get(
    '/suppressions',
    {
      schema: {
        tags: ['suppressions'],
        summary: 'The list entries for one value: shared national, state and litigator lists and this location’s internal list',
        querystring: SuppressionQuerySchema,
        response: { 200: z.object({ data: z.array(SuppressionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ data: await listSuppressions(services, { locationId: locationOf(request), value: request.query.value }) }),
  );
  r.delete(
    '/suppressions/:id',
    { schema: { tags: ['suppressions'], summary: "Remove one entry of this location's internal DNC list", params: IdParams, response: { 200: SuppressionSchema, ...errorResponses } } },
    async (request) => deleteSuppression(services, { locationId: locationOf(request), id: request.params.id }),
  );
}
