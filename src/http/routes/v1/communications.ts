import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { CommunicationListQuerySchema, CommunicationSchema } from '../../../services/communications/communication-schemas.js';
import { listCommunications } from '../../../services/communications/list-communications.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

export async function communicationRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/communications',
    {
      schema: {
        tags: ['communications'],
        summary: "A contact's messages in and out, oldest first",
        querystring: CommunicationListQuerySchema,
        response: { 200: z.object({ data: z.array(CommunicationSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ data: await listCommunications(services, { locationId: locationOf(request), query: request.query }) }),
  );
}
