import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { createTemplate } from '../../../services/messages/create-template.js';
import { deleteTemplate } from '../../../services/messages/delete-template.js';
import { getTemplate } from '../../../services/messages/get-template.js';
import { listTemplates } from '../../../services/messages/list-templates.js';
import { previewMessage } from '../../../services/messages/preview-message.js';
import { previewTemplate } from '../../../services/messages/preview-template.js';
import {
  MessageCheckSchema,
  MessagePreviewInputSchema,
  StoredTemplateSchema,
  TemplateInputSchema,
  TemplateListQuerySchema,
  TemplatePatchSchema,
  TemplatePreviewInputSchema,
} from '../../../services/messages/template-schemas.js';
import { updateTemplate } from '../../../services/messages/update-template.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const KeyParams = z.object({ key: z.string().min(1).max(100) });
const tags = ['templates'];

/** Message templates (shipped defaults merged with the location's own) and message previews. */
export async function messageRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/templates',
    { schema: { tags, summary: "List the location's templates: shipped defaults and its own (an own template overrides the default with its key)", querystring: TemplateListQuerySchema, response: { 200: z.object({ data: z.array(StoredTemplateSchema) }), ...errorResponses } } },
    async (request) => ({ data: await listTemplates(services, { locationId: locationOf(request), query: request.query }) }),
  );
  r.get('/templates/:key', { schema: { tags, summary: 'Get a template', params: KeyParams, response: { 200: StoredTemplateSchema, ...errorResponses } } }, async (request) =>
    getTemplate(services, { locationId: locationOf(request), key: request.params.key }),
  );
  r.post(
    '/templates',
    { schema: { tags, summary: "Add a template (a default's key overrides that default)", body: TemplateInputSchema, response: { 201: StoredTemplateSchema, 409: ErrorBodySchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await createTemplate(services, { locationId: locationOf(request), input: request.body })),
  );
  r.patch(
    '/templates/:key',
    { schema: { tags, summary: 'Change a template (bumps its version; patching a default stores an override)', params: KeyParams, body: TemplatePatchSchema, response: { 200: StoredTemplateSchema, ...errorResponses } } },
    async (request) => updateTemplate(services, { locationId: locationOf(request), key: request.params.key, patch: request.body }),
  );
  r.delete(
    '/templates/:key',
    { schema: { tags, summary: "Delete the location's own template (a default cannot be deleted: deactivate it)", params: KeyParams, response: { 204: z.null(), 409: ErrorBodySchema, ...errorResponses } } },
    async (request, reply) => {
      await deleteTemplate(services, { locationId: locationOf(request), key: request.params.key });
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/templates/:key/preview',
    {
      schema: {
        tags,
        summary: 'Render a template for a real contact and run the guard: text, variant, segments, cost and verdict',
        params: KeyParams,
        body: TemplatePreviewInputSchema,
        response: { 200: MessageCheckSchema, ...errorResponses },
      },
    },
    async (request) => previewTemplate(services, { locationId: locationOf(request), key: request.params.key, input: request.body }),
  );
  r.post(
    '/messages/preview',
    { schema: { tags: ['messages'], summary: 'Check a typed message with the guard: verdict, segments and cost', body: MessagePreviewInputSchema, response: { 200: MessageCheckSchema, ...errorResponses } } },
    async (request) => previewMessage(services, { locationId: locationOf(request), input: request.body }),
  );
}
