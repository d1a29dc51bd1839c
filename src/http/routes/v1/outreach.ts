/**
 * Outreach routes: campaign lifecycle (read with metrics, change, pause / resume, preview), enrollment,
 * the approval queue, the sandbox outbox, touches and alerts.
 */
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alerts, sandboxOutbox, touches } from '../../../db/schema/index.js';
import { DecisionSchema } from '../../../domain/compliance/decision.js';
import { decryptNullable } from '../../../lib/crypto.js';
import { decodeCursor, encodeCursor } from '../../../lib/cursor.js';
import type { AppServices } from '../../../services/app-services.js';
import { CampaignPatchSchema, CampaignWithMetricsSchema, getCampaign, setCampaignStatus, updateCampaign } from '../../../services/campaigns/manage-campaign.js';
import { ApprovalItemSchema, ApproveInputSchema, approveTouch, listApprovals, skipTouch } from '../../../services/outreach/approvals.js';
import { disenrollContact, EnrollInputSchema, enrollContacts } from '../../../services/outreach/enroll-contacts.js';
import { previewNextTouch } from '../../../services/outreach/preview-next-touch.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const Id = z.object({ id: z.uuid() });
const actorOf = (request: { auth: { keyId: string } | null }): string => `api-key:${request.auth?.keyId ?? 'unknown'}`;
const withConflict = { ...errorResponses, 409: ErrorBodySchema };

const TouchSchema = z.object({
  id: z.string(),
  campaignId: z.string().nullable(),
  enrollmentId: z.string().nullable(),
  contactId: z.string(),
  step: z.number().int().nullable(),
  stepName: z.string().nullable(),
  channel: z.string(),
  status: z.string(),
  to: z.string(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  variant: z.string().nullable(),
  templateKey: z.string().nullable(),
  purpose: z.string(),
  initiation: z.string(),
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  segments: z.number().int().nullable(),
  costUsd: z.number().nullable(),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  complianceDecisionId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export async function outreachRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/campaigns/:id', { schema: { tags: ['campaigns'], summary: 'A campaign with its steps and metrics', params: Id, response: { 200: CampaignWithMetricsSchema, ...errorResponses } } }, async (request) =>
    getCampaign(services, { locationId: locationOf(request), campaignId: request.params.id }),
  );
  r.patch(
    '/campaigns/:id',
    { schema: { tags: ['campaigns'], summary: 'Change a campaign (steps only before its first touch)', params: Id, body: CampaignPatchSchema, response: { 200: CampaignWithMetricsSchema, ...withConflict } } },
    async (request) => {
      await updateCampaign(services, { locationId: locationOf(request), campaignId: request.params.id, patch: request.body });
      return getCampaign(services, { locationId: locationOf(request), campaignId: request.params.id });
    },
  );
  for (const [action, status] of [['pause', 'paused'], ['resume', 'active'], ['activate', 'active'], ['complete', 'completed']] as const) {
    r.post(
      `/campaigns/:id/${action}`,
      { schema: { tags: ['campaigns'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} a campaign`, params: Id, response: { 200: CampaignWithMetricsSchema, ...withConflict } } },
      async (request) => setCampaignStatus(services, { locationId: locationOf(request), campaignId: request.params.id, status }),
    );
  }
  r.get(
    '/campaigns/:id/preview',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'The next touch for a contact, rendered, with the compliance decision it would get now (not recorded)',
        params: Id,
        querystring: z.object({ contactId: z.uuid() }),
        response: {
          200: z.object({
            contactId: z.string(),
            campaignId: z.string(),
            enrolled: z.boolean(),
            enrollmentStatus: z.string().nullable(),
            step: z.object({ position: z.number().int(), name: z.string(), channel: z.string(), templateKey: z.string().nullable() }).nullable(),
            dueAt: z.string().nullable(),
            message: z.object({ text: z.string(), subject: z.string().nullable(), segments: z.number().int().nullable(), variant: z.string().nullable(), templateKey: z.string(), source: z.string() }).nullable(),
            messageError: z.string().nullable(),
            decision: DecisionSchema.nullable(),
            manualDecision: DecisionSchema.nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => previewNextTouch(services, { locationId: locationOf(request), campaignId: request.params.id, contactId: request.query.contactId }),
  );
  r.post(
    '/campaigns/:id/enroll',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Enroll contacts by id, or by tier and market (default the campaign targets); idempotent',
        params: Id,
        body: EnrollInputSchema,
        response: {
          200: z.object({ enrolled: z.number().int(), alreadyEnrolled: z.number().int(), skipped: z.array(z.object({ contactId: z.string(), reason: z.string() })), enrollmentIds: z.array(z.string()) }),
          ...withConflict,
        },
      },
    },
    async (request) => enrollContacts(services, { locationId: locationOf(request), campaignId: request.params.id, input: request.body }),
  );
  r.delete(
    '/campaigns/:id/enrollments/:contactId',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Take a contact out of the campaign; its unsent touches are cancelled',
        params: z.object({ id: z.uuid(), contactId: z.uuid() }),
        response: { 200: z.object({ enrollmentsStopped: z.number().int(), touchesCancelled: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => disenrollContact(services, { locationId: locationOf(request), contactId: request.params.contactId, campaignId: request.params.id }),
  );

  // The approval queue.
  r.get(
    '/approvals',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Touches waiting for a person to send them (cold contacts without written consent), oldest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }),
        response: { 200: z.object({ items: z.array(ApprovalItemSchema), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request) => listApprovals(services, { locationId: locationOf(request), limit: request.query.limit, ...(request.query.cursor ? { cursor: request.query.cursor } : {}) }),
  );
  r.post(
    '/approvals/:id/approve',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Send one queued touch (optionally edited): one click, one send, decided again as a manual send',
        params: Id,
        body: ApproveInputSchema.optional(),
        response: {
          200: z.object({
            touchId: z.string(),
            status: z.string(),
            decision: z.string(),
            notBefore: z.string().nullable(),
            reasons: z.array(z.object({ rule: z.string(), code: z.string(), detail: z.string() })),
            providerMessageId: z.string().optional(),
          }),
          ...withConflict,
        },
      },
    },
    async (request) => approveTouch(services, { locationId: locationOf(request), touchId: request.params.id, actor: actorOf(request), input: request.body ?? {} }),
  );
  r.post(
    '/approvals/:id/skip',
    { schema: { tags: ['approvals'], summary: 'Skip one queued touch; the cadence moves on', params: Id, response: { 200: z.object({ touchId: z.string(), status: z.string() }), ...withConflict } } },
    async (request) => skipTouch(services, { locationId: locationOf(request), touchId: request.params.id, actor: actorOf(request) }),
  );

  // Touches, the outbox and alerts.
  r.get(
    '/touches',
    {
      schema: {
        tags: ['touches'],
        summary: 'Outbound attempts, newest first',
        querystring: z.object({
          campaign: z.uuid().optional(),
          contact: z.uuid().optional(),
          status: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().optional(),
        }),
        response: { 200: z.object({ data: z.array(TouchSchema), nextCursor: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      const rows = await services.db
        .select()
        .from(touches)
        .where(
          and(
            eq(touches.locationId, locationOf(request)),
            ...(q.campaign ? [eq(touches.campaignId, q.campaign)] : []),
            ...(q.contact ? [eq(touches.contactId, q.contact)] : []),
            ...(q.status ? [eq(touches.status, q.status)] : []),
            ...(after ? [or(lt(touches.createdAt, after.at), and(eq(touches.createdAt, after.at), lt(touches.id, after.id)))!] : []),
          ),
        )
        .orderBy(desc(touches.createdAt), desc(touches.id))
        .limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        data: page.map((t) => ({
          id: t.id,
          campaignId: t.campaignId,
          enrollmentId: t.enrollmentId,
          contactId: t.contactId,
          step: t.step,
          stepName: t.stepName,
          channel: t.channel,
          status: t.status,
          to: t.toAddress,
          from: t.fromAddress,
          subject: t.subject,
          body: decryptNullable(services.keyRing, t.bodyEnc),
          variant: t.variant,
          templateKey: t.templateKey,
          purpose: t.purpose,
          initiation: t.initiation,
          provider: t.provider,
          providerMessageId: t.providerMessageId,
          segments: t.segments,
          costUsd: t.costUsd === null ? null : Number(t.costUsd),
          attempts: t.attempts,
          errorCode: t.errorCode,
          errorMessage: t.errorMessage,
          complianceDecisionId: t.complianceDecisionId,
          createdAt: t.createdAt.toISOString(),
          sentAt: t.sentAt?.toISOString() ?? null,
          deliveredAt: t.deliveredAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      };
    },
  );
  r.get(
    '/outbox',
    {
      schema: {
        tags: ['touches'],
        summary: 'What the sandbox channels "sent" for this location, newest first (nothing leaves the machine)',
        querystring: z.object({ channel: z.enum(['sms', 'email', 'voice']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({ data: z.array(z.object({ channel: z.string(), providerId: z.string(), idempotencyKey: z.string(), to: z.string(), from: z.string(), touchId: z.string().nullable(), payload: z.record(z.string(), z.unknown()), createdAt: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      // The outbox is provider-side; this location's entries are those of its touches.
      const rows = await services.db
        .select({ o: sandboxOutbox, touchId: touches.id })
        .from(sandboxOutbox)
        .innerJoin(touches, and(eq(touches.idempotencyKey, sandboxOutbox.idempotencyKey), eq(touches.locationId, locationOf(request))))
        .where(request.query.channel ? eq(sandboxOutbox.channel, request.query.channel) : sql`true`)
        .orderBy(desc(sandboxOutbox.createdAt), desc(sandboxOutbox.id))
        .limit(request.query.limit);
      return {
        data: rows.map(({ o, touchId }) => ({ channel: o.channel, providerId: o.providerId, idempotencyKey: o.idempotencyKey, to: o.toAddress, from: o.fromAddress, touchId, payload: o.payload, createdAt: o.createdAt.toISOString() })),
      };
    },
  );
  r.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: "Operational alerts (circuit trips, caps reached, carrier filtering, failing steps) for this location and the providers it uses",
        querystring: z.object({ open: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            data: z.array(
              z.object({ id: z.string(), kind: z.string(), severity: z.string(), message: z.string(), occurrences: z.number().int(), details: z.unknown(), firstSeenAt: z.string(), lastSeenAt: z.string(), resolvedAt: z.string().nullable() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const rows = await services.db
        .select()
        .from(alerts)
        .where(
          and(
            or(eq(alerts.locationId, locationOf(request)), isNull(alerts.locationId)),
            ...(request.query.open === 'true' ? [isNull(alerts.resolvedAt)] : request.query.open === 'false' ? [sql`${alerts.resolvedAt} is not null`] : []),
          ),
        )
        .orderBy(desc(alerts.lastSeenAt))
        .limit(request.query.limit);
      return {
        data: rows.map((a) => ({
          id: a.id,
          kind: a.kind,
          severity: a.severity,
          message: a.message,
          occurrences: a.occurrences,
          details: a.details ?? null,
          firstSeenAt: a.firstSeenAt.toISOString(),
          lastSeenAt: a.lastSeenAt.toISOString(),
          resolvedAt: a.resolvedAt?.toISOString() ?? null,
        })),
      };
    },
  );
}
