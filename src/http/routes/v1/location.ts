import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppServices } from '../../../services/app-services.js';
import { getLocation } from '../../../services/locations/get-location.js';
import { LocationPatchSchema, LocationSchema } from '../../../services/locations/location-schemas.js';
import { updateLocation } from '../../../services/locations/update-location.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

export async function locationRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/location', { schema: { tags: ['location'], summary: "The API key's location", response: { 200: LocationSchema, ...errorResponses } } }, async (request) =>
    getLocation(services, { locationId: locationOf(request) }),
  );
  r.patch(
    '/location',
    { schema: { tags: ['location'], summary: 'Update business name, postal address, time zone, caps and settings', body: LocationPatchSchema, response: { 200: LocationSchema, ...errorResponses } } },
    async (request) => updateLocation(services, { locationId: locationOf(request), patch: request.body, changedBy: `api_key:${request.auth?.keyId}` }),
  );
}
