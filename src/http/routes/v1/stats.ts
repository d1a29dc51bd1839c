import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ObjectionStatsSchema, OverviewSchema, RollingFilterSchema, RollingSchema } from '../../../services/analytics/analytics-schemas.js';
import { getObjectionStats } from '../../../services/analytics/get-objection-stats.js';
import { getOverview } from '../../../services/analytics/get-overview.js';
import { getRollingWindows } from '../../../services/analytics/get-rolling-windows.js';
import { getSequenceStats, SequenceStatsSchema } from '../../../services/analytics/get-sequence-stats.js';
import { resolveFilter } from '../../../services/analytics/resolve-filter.js';
import type { AppServices } from '../../../services/app-services.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const tags = ['sdr stats'];
/** The last `days` and every filter of `/v1/analytics` but the range. */
const DaysQuery = RollingFilterSchema.extend({ days: z.coerce.number().int().min(1).max(365).default(30) });

function filtersOf(query: z.infer<typeof DaysQuery>) {
  const { days: _days, ...filters } = query;
  return filters;
}

function lastDays(services: AppServices, query: z.infer<typeof DaysQuery>) {
  const to = services.clock.now();
  return resolveFilter(services.clock, { ...filtersOf(query), from: new Date(to.getTime() - query.days * 86_400_000).toISOString(), to: to.toISOString() });
}

/** Seed 003's stats endpoints, on the same analytics services as `/v1/analytics`. */
export async function statsRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/sdr/stats',
    {
      schema: {
        tags,
        summary: 'SDRMetricWindow: rolling 1 h / 24 h / 7 d windows and the last `days` (default 30) summary',
        querystring: DaysQuery,
        response: { 200: RollingSchema.extend({ days: z.number().int(), summary: OverviewSchema }), ...errorResponses },
      },
    },
    async (request) => {
      const locationId = locationOf(request);
      const [rolling, summary] = await Promise.all([
        getRollingWindows(services, { locationId, filter: filtersOf(request.query) }),
        getOverview(services, { locationId, filter: lastDays(services, request.query) }),
      ]);
      return { ...rolling, days: request.query.days, summary };
    },
  );
  r.get(
    '/sdr/stats/sequences',
    { schema: { tags, summary: 'Per-sequence conversion over the last `days`', querystring: DaysQuery, response: { 200: SequenceStatsSchema, ...errorResponses } } },
    async (request) => getSequenceStats(services, { locationId: locationOf(request), filter: lastDays(services, request.query) }),
  );
  r.get(
    '/sdr/stats/objections',
    { schema: { tags, summary: 'Objection analytics over the last `days`', querystring: DaysQuery, response: { 200: ObjectionStatsSchema, ...errorResponses } } },
    async (request) => getObjectionStats(services, { locationId: locationOf(request), filter: lastDays(services, request.query) }),
  );
}
