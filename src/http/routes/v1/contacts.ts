import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import { ContactInputSchema, ContactListQuerySchema, ContactPageSchema, ContactPatchSchema, ContactSchema } from '../../../services/contacts/contact-schemas.js';
import { createContact } from '../../../services/contacts/create-contact.js';
import { createContactsBatch } from '../../../services/contacts/create-contacts-batch.js';
import { getContact } from '../../../services/contacts/get-contact.js';
import { listContacts } from '../../../services/contacts/list-contacts.js';
import { optOutContact } from '../../../services/contacts/opt-out-contact.js';
import { updateContact } from '../../../services/contacts/update-contact.js';
import { getLeadStatus } from '../../../services/lead-status/get-lead-status.js';
import { LeadStatusPatchSchema, LeadStatusSchema } from '../../../services/lead-status/lead-status-schemas.js';
import { setLeadStatus } from '../../../services/lead-status/set-lead-status.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const OptOutBodySchema = z
  .object({ source: z.string().trim().min(1).max(64).default('api'), channel: z.enum(['sms', 'email', 'voice', 'any']).optional(), note: z.string().max(2000).optional() })
  .strict()
  .default({ source: 'api' });

export async function contactRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/contacts', { schema: { tags: ['contacts'], summary: 'Create a contact', body: ContactInputSchema, response: { 201: ContactSchema, ...errorResponses } } }, async (request, reply) => {
    const contact = await createContact(services, { locationId: locationOf(request), input: request.body });
    return reply.status(201).send(contact);
  });
  r.post(
    '/contacts/batch',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Create up to 1,000 contacts; bad rows are reported by index and field, good rows are created',
        body: z.object({ contacts: z.array(z.unknown()).min(1).max(1000) }).strict(),
        response: {
          200: z.object({ created: z.number().int(), ids: z.array(z.string().uuid().nullable()), errors: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => createContactsBatch(services, { locationId: locationOf(request), inputs: request.body.contacts }),
  );
  r.get(
    '/contacts',
    { schema: { tags: ['contacts'], summary: 'List contacts, newest first, with filters and a cursor', querystring: ContactListQuerySchema, response: { 200: ContactPageSchema, ...errorResponses } } },
    async (request) => listContacts(services, { locationId: locationOf(request), query: request.query }),
  );
  r.get('/contacts/:id', { schema: { tags: ['contacts'], summary: 'Get a contact', params: IdParams, response: { 200: ContactSchema, ...errorResponses } } }, async (request) =>
    getContact(services, { locationId: locationOf(request), contactId: request.params.id }),
  );
  r.patch(
    '/contacts/:id',
    { schema: { tags: ['contacts'], summary: 'Update a contact', params: IdParams, body: ContactPatchSchema, response: { 200: ContactSchema, ...errorResponses } } },
    async (request) => updateContact(services, { locationId: locationOf(request), contactId: request.params.id, patch: request.body }),
  );
  r.post(
    '/contacts/:id/opt-out',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Opt a contact out of every channel (internal DNC, revocation record, enrollments stopped)',
        params: IdParams,
        body: OptOutBodySchema.nullish(),
        response: { 200: ContactSchema, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body ?? { source: 'api' };
      return optOutContact(services, {
        locationId: locationOf(request),
        contactId: request.params.id,
        source: body.source,
        channel: body.channel ?? null,
        evidence: body.note ?? null,
      });
    },
  );
  r.get(
    '/contacts/:id/lead-status',
    { schema: { tags: ['lead status'], summary: "Get a contact's lead status", params: IdParams, response: { 200: LeadStatusSchema, ...errorResponses } } },
    async (request) => getLeadStatus(services, { locationId: locationOf(request), contactId: request.params.id }),
  );
  r.put(
    '/contacts/:id/lead-status',
    {
      schema: {
        tags: ['lead status'],
        summary: "Set a contact's lead status",
        params: IdParams,
        body: LeadStatusPatchSchema,
        response: { 200: LeadStatusSchema, 409: ErrorBodySchema, ...errorResponses },
      },
    },
    async (request) => setLeadStatus(services, { locationId: locationOf(request), contactId: request.params.id, patch: request.body }),
  );
}
