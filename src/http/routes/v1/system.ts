import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { getLocation } from '../../../services/locations/get-location.js';
import { collectDoctorChecks } from '../../../services/system/collect-doctor-checks.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const CheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

/** `GET /v1/system/status`: what `curb doctor` sees, for the dashboard's settings page. */
export async function systemRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/system/status',
    {
      schema: {
        tags: ['system'],
        summary: "The doctor's checks: database, migrations, jobs, providers, and what is missing for real sending",
        response: {
          200: z.object({ ok: z.boolean(), version: z.string(), database: z.string(), location: z.object({ id: z.string(), businessName: z.string(), timeZone: z.string() }), checks: z.array(CheckSchema), missingForRealSending: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const location = await getLocation(services, { locationId: locationOf(request) });
      const report = await collectDoctorChecks({ config: services.config, database: services.database });
      return { ...report, version: '0.1.0', database: services.database.kind, location: { id: location.id, businessName: location.businessName, timeZone: location.timeZone } };
    },
  );
}
