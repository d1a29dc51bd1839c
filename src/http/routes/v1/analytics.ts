import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AnalyticsFilterSchema,
  BreakdownDimensionSchema,
  BreakdownSchema,
  ComplianceSummarySchema,
  ObjectionStatsSchema,
  OverviewSchema,
  PipelineQuerySchema,
  PipelineSchema,
  RollingFilterSchema,
  RollingSchema,
  TimeseriesSchema,
} from '../../../services/analytics/analytics-schemas.js';
import { getBreakdown } from '../../../services/analytics/get-breakdown.js';
import { getComplianceSummary } from '../../../services/analytics/get-compliance-summary.js';
import { getObjectionStats } from '../../../services/analytics/get-objection-stats.js';
import { getOverview } from '../../../services/analytics/get-overview.js';
import { getPipeline } from '../../../services/analytics/get-pipeline.js';
import { getRollingWindows } from '../../../services/analytics/get-rolling-windows.js';
import { getSequenceStats, SequenceStatsSchema } from '../../../services/analytics/get-sequence-stats.js';
import { getTimeseries } from '../../../services/analytics/get-timeseries.js';
import { resolveFilter } from '../../../services/analytics/resolve-filter.js';
import type { AppServices } from '../../../services/app-services.js';
import { RoiSchema } from '../../../services/deals/deal-schemas.js';
import { getRoi } from '../../../services/deals/get-roi.js';
import { getLocation } from '../../../services/locations/get-location.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const tags = ['analytics'];

/** `/v1/analytics/*`: KPIs, funnel, breakdowns, time series, objections, rolling windows, pipeline, ROI, compliance. */
export async function analyticsRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/analytics/overview',
    { schema: { tags, summary: 'KPIs and the funnel (contacted → responded → interested → deal) for a range and filters', querystring: AnalyticsFilterSchema, response: { 200: OverviewSchema, ...errorResponses } } },
    async (request) => getOverview(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query) }),
  );
  r.get(
    '/analytics/breakdown',
    {
      schema: {
        tags,
        summary: 'The metrics split by channel, campaign, step (touch-level), template, variant, market or tier',
        querystring: AnalyticsFilterSchema.extend({ by: BreakdownDimensionSchema }),
        response: { 200: BreakdownSchema, ...errorResponses },
      },
    },
    async (request) => getBreakdown(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query), by: request.query.by }),
  );
  r.get(
    '/analytics/timeseries',
    { schema: { tags, summary: "Daily sent, replies, interested and opt-outs in the location's time zone", querystring: AnalyticsFilterSchema, response: { 200: TimeseriesSchema, ...errorResponses } } },
    async (request) => {
      const locationId = locationOf(request);
      const location = await getLocation(services, { locationId });
      return getTimeseries(services, { locationId, filter: resolveFilter(services.clock, request.query), timeZone: location.timeZone });
    },
  );
  r.get(
    '/analytics/objections',
    { schema: { tags, summary: 'Objections by type with rebuttals and outcomes', querystring: AnalyticsFilterSchema, response: { 200: ObjectionStatsSchema, ...errorResponses } } },
    async (request) => getObjectionStats(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query) }),
  );
  r.get(
    '/analytics/rolling',
    { schema: { tags, summary: 'Rolling 1 h / 24 h / 7 d windows ending now', querystring: RollingFilterSchema, response: { 200: RollingSchema, ...errorResponses } } },
    async (request) => getRollingWindows(services, { locationId: locationOf(request), filter: request.query }),
  );
  r.get(
    '/analytics/sequences',
    { schema: { tags, summary: 'Per-campaign enrollments, completion and conversion', querystring: AnalyticsFilterSchema, response: { 200: SequenceStatsSchema, ...errorResponses } } },
    async (request) => getSequenceStats(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query) }),
  );
  r.get(
    '/analytics/pipeline',
    { schema: { tags, summary: 'Leads by pipeline status, tier and market', querystring: PipelineQuerySchema.strict(), response: { 200: PipelineSchema, ...errorResponses } } },
    async (request) => getPipeline(services, { locationId: locationOf(request), market: request.query.market, tier: request.query.tier }),
  );
  r.get(
    '/analytics/roi',
    { schema: { tags, summary: 'Cost, deals, profit, ROI, break-even and time to close, by campaign, list source and distress signal', querystring: AnalyticsFilterSchema, response: { 200: RoiSchema, ...errorResponses } } },
    async (request) => getRoi(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query) }),
  );
  r.get(
    '/analytics/compliance',
    { schema: { tags, summary: 'Compliance decisions by outcome, blocking rules, DNC list dates and opt-outs', querystring: AnalyticsFilterSchema.pick({ from: true, to: true }).strict(), response: { 200: ComplianceSummarySchema, ...errorResponses } } },
    async (request) => getComplianceSummary(services, { locationId: locationOf(request), filter: resolveFilter(services.clock, request.query) }),
  );
}
