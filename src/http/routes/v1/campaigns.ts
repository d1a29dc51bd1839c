import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { CampaignInputSchema, CampaignSchema } from '../../../services/campaigns/campaign-schemas.js';
import { createCampaign } from '../../../services/campaigns/create-campaign.js';
import { listCampaigns } from '../../../services/campaigns/list-campaigns.js';
import { CampaignMetricsSchema, listCampaignsWithMetrics } from '../../../services/campaigns/manage-campaign.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

export async function campaignRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/campaigns', { schema: { tags: ['campaigns'], summary: 'Create a campaign with its steps', body: CampaignInputSchema, response: { 201: CampaignSchema, ...errorResponses } } }, async (request, reply) => {
    const campaign = await createCampaign(services, { locationId: locationOf(request), input: request.body });
    return reply.status(201).send(campaign);
  });
  r.get(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'List campaigns with their metrics',
        querystring: z.object({
          status: z.enum(['draft', 'active', 'paused', 'completed']).optional(),
          metrics: z
            .enum(['true', 'false'])
            .optional()
            .describe('`false` lists the campaigns without their metrics (a picker needs names, not counts over every touch)'),
        }),
        response: { 200: z.object({ data: z.array(CampaignSchema.extend({ metrics: CampaignMetricsSchema.optional() })) }), ...errorResponses },
      },
    },
    async (request) => {
      const options = { locationId: locationOf(request), ...(request.query.status ? { status: request.query.status } : {}) };
      return { data: request.query.metrics === 'false' ? await listCampaigns(services, options) : await listCampaignsWithMetrics(services, options) };
    },
  );
}
