import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DecisionSchema } from '../../../domain/compliance/decision.js';
import type { AppServices } from '../../../services/app-services.js';
import { checkSituation } from '../../../services/compliance/check-situation.js';
import {
  ComplianceDecisionSchema,
  DecideForContactInputSchema,
  DecisionListQuerySchema,
  DecisionPageSchema,
  RecordedDecisionSchema,
} from '../../../services/compliance/compliance-schemas.js';
import { decideAndRecord } from '../../../services/compliance/decide-and-record.js';
import { getDecision } from '../../../services/compliance/get-decision.js';
import { listDecisions } from '../../../services/compliance/list-decisions.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export async function complianceRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/compliance/check',
    {
      schema: {
        tags: ['compliance'],
        summary: 'Decide one situation (the same contract and answer as `curb compliance check`); nothing is stored',
        // Validated by the engine's own contract so a 400 names the field exactly as the CLI does.
        body: z.unknown(),
        response: { 200: DecisionSchema, ...errorResponses },
      },
    },
    async (request) => {
      locationOf(request);
      return checkSituation(request.body);
    },
  );
  r.post(
    '/compliance/decide',
    {
      schema: {
        tags: ['compliance'],
        summary: "Decide a message to one of this location's contacts from stored state, and record the decision",
        body: DecideForContactInputSchema,
        response: { 200: RecordedDecisionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      return decideAndRecord(services, { ...b, locationId: locationOf(request), at: b.at ? new Date(b.at) : undefined });
    },
  );
  r.get(
    '/compliance/decisions',
    { schema: { tags: ['compliance'], summary: 'Recorded decisions, newest first (filter by contact or touch; cursor)', querystring: DecisionListQuerySchema, response: { 200: DecisionPageSchema, ...errorResponses } } },
    async (request) => listDecisions(services, { locationId: locationOf(request), query: request.query }),
  );
  r.get(
    '/compliance/decisions/:id',
    { schema: { tags: ['compliance'], summary: 'One decision, by its id or by the touch it was made for', params: IdParams, response: { 200: ComplianceDecisionSchema, ...errorResponses } } },
    async (request) => getDecision(services, { locationId: locationOf(request), id: request.params.id }),
  );
}
