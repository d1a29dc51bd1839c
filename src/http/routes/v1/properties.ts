import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { ensureMarkets } from '../../../services/markets/ensure-markets.js';
import { MarketListSchema } from '../../../services/markets/market-schemas.js';
import { getProperty } from '../../../services/properties/get-property.js';
import { listProperties } from '../../../services/properties/list-properties.js';
import { PropertyDetailSchema, PropertyListQuerySchema, PropertyPageSchema } from '../../../services/properties/property-schemas.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export async function propertyRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/properties',
    {
      schema: {
        tags: ['properties'],
        summary: 'List properties, newest first, with score, tier and the contributions that explain the score',
        querystring: PropertyListQuerySchema,
        response: { 200: PropertyPageSchema, ...errorResponses },
      },
    },
    async (request) => listProperties(services, { locationId: locationOf(request), query: request.query }),
  );
  r.get(
    '/properties/:id',
    { schema: { tags: ['properties'], summary: 'A property with its linked contacts and their phones and emails', params: IdParams, response: { 200: PropertyDetailSchema, ...errorResponses } } },
    async (request) => getProperty(services, { locationId: locationOf(request), propertyId: request.params.id }),
  );
  r.get(
    '/markets',
    { schema: { tags: ['markets'], summary: 'Markets of this location (from the YAML registry)', response: { 200: MarketListSchema, ...errorResponses } } },
    async (request) => ({ data: (await ensureMarkets(services, { locationId: locationOf(request), configDir: services.config.configDir })).map((m) => m.market) }),
  );
}
