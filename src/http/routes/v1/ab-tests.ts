import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AbTestInputSchema, AbTestResultsSchema, AbTestSchema, PromoteInputSchema } from '../../../services/ab-tests/ab-test-schemas.js';
import { createAbTest } from '../../../services/ab-tests/create-ab-test.js';
import { getAbTestResults, listAbTests } from '../../../services/ab-tests/get-ab-test-results.js';
import { promoteWinner } from '../../../services/ab-tests/promote-winner.js';
import type { AppServices } from '../../../services/app-services.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const tags = ['a/b tests'];
const IdParams = z.object({ id: z.string().uuid() });

/** Seed 003 Phase 4: `/v1/sdr/ab-tests`. */
export async function abTestRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/sdr/ab-tests',
    { schema: { tags, summary: 'Start an A/B test on a campaign step', body: AbTestInputSchema, response: { 201: AbTestSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createAbTest(services, { locationId: locationOf(request), input: request.body })),
  );
  r.get(
    '/sdr/ab-tests',
    { schema: { tags, summary: 'A/B tests, newest first', querystring: z.object({ campaign: z.string().uuid().optional() }), response: { 200: z.object({ data: z.array(AbTestSchema) }), ...errorResponses } } },
    async (request) => ({ data: await listAbTests(services, { locationId: locationOf(request), campaignId: request.query.campaign }) }),
  );
  r.get(
    '/sdr/ab-tests/:id',
    { schema: { tags, summary: 'Per-variant results with a significance test and a suggested winner', params: IdParams, response: { 200: AbTestResultsSchema, ...errorResponses } } },
    async (request) => getAbTestResults(services, { locationId: locationOf(request), testId: request.params.id }),
  );
  r.post(
    '/sdr/ab-tests/:id/promote',
    {
      schema: {
        tags,
        summary: "Give the winner (or the named variant) 100 % of the step's traffic and close the test",
        params: IdParams,
        body: PromoteInputSchema.nullish(),
        response: { 200: AbTestResultsSchema, 409: ErrorBodySchema, ...errorResponses },
      },
    },
    async (request) => promoteWinner(services, { locationId: locationOf(request), testId: request.params.id, variant: request.body?.variant }),
  );
}
