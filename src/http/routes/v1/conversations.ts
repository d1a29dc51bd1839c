import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../../services/app-services.js';
import {
  ConversationListQuerySchema,
  ConversationListSchema,
  ConversationReplyInputSchema,
  ConversationReplySchema,
  ConversationSchema,
  TakeoverSchema,
} from '../../../services/conversations/conversation-schemas.js';
import { exportConversation } from '../../../services/conversations/export-conversation.js';
import { getConversation } from '../../../services/conversations/get-conversation.js';
import { listConversations } from '../../../services/conversations/list-conversations.js';
import { replyToConversation } from '../../../services/conversations/reply-to-conversation.js';
import { releaseConversation, takeOverConversation } from '../../../services/handoff/set-takeover.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const Params = z.object({ contactId: z.string().uuid() });
const actorOf = (request: FastifyRequest) => `api_key:${request.auth?.keyId ?? 'unknown'}`;

export async function conversationRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'The inbox: conversations, newest activity first (filter takeover=true|false; cursor)',
        querystring: ConversationListQuerySchema,
        response: { 200: ConversationListSchema, ...errorResponses },
      },
    },
    async (request) => listConversations(services, { locationId: locationOf(request), query: request.query }),
  );

  r.get(
    '/conversations/:contactId',
    {
      schema: {
        tags: ['conversations'],
        summary: 'One conversation: contact, takeover state, every message with sentiment, intent and objection, and the qualification gate',
        params: Params,
        response: { 200: ConversationSchema, ...errorResponses },
      },
    },
    async (request) => getConversation(services, { locationId: locationOf(request), contactId: request.params.contactId }),
  );

  r.post(
    '/conversations/:contactId/reply',
    {
      schema: {
        tags: ['conversations'],
        summary: "A person's reply, through the compliance engine (initiation manual); 422 names the rules that block it. Takes the conversation over.",
        params: Params,
        body: ConversationReplyInputSchema,
        response: { 200: ConversationReplySchema, 422: ErrorBodySchema, ...errorResponses },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      return replyToConversation(services, {
        locationId: locationOf(request),
        contactId: request.params.contactId,
        input: request.body,
        actor: actorOf(request),
        ...(typeof key === 'string' && key.length > 0 && key.length <= 100 ? { idempotencyKey: key } : {}),
      });
    },
  );

  r.post(
    '/conversations/:contactId/takeover',
    { schema: { tags: ['conversations'], summary: 'A person takes the conversation over: the bot stays silent, the cadence stops', params: Params, response: { 200: TakeoverSchema, ...errorResponses } } },
    async (request) => takeOverConversation(services, { locationId: locationOf(request), contactId: request.params.contactId, by: actorOf(request) }),
  );

  r.post(
    '/conversations/:contactId/release',
    { schema: { tags: ['conversations'], summary: 'Give the conversation back to the bot; resolves the open handoff', params: Params, response: { 200: TakeoverSchema, ...errorResponses } } },
    async (request) => releaseConversation(services, { locationId: locationOf(request), contactId: request.params.contactId, by: actorOf(request) }),
  );

  r.get(
    '/conversations/:contactId/export',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Export a conversation as JSON (default) or CSV (?format=csv)',
        params: Params,
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: { 200: z.union([ConversationSchema, z.string()]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const e = await exportConversation(services, { locationId: locationOf(request), contactId: request.params.contactId, format: request.query.format });
      reply.header('content-disposition', `attachment; filename="${e.fileName}"`).type(e.contentType);
      return e.body;
    },
  );
}
