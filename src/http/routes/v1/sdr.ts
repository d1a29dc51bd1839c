/**
 * Seed 003's SDR endpoints under /v1/sdr, on the outreach services: sourcing and enrolment of prospects,
 * the prospect profile, the cadence batch (cron), and the sequence record. /v1/sdr/stats and
 * /v1/sdr/ab-tests live with analytics; /v1/sdr/webhook/* with the GoHighLevel webhook (signature, not
 * API key).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sdrSourceProspects } from '../../../jobs/definitions/sdr-source-prospects.js';
import type { AppServices } from '../../../services/app-services.js';
import { disenrollContact } from '../../../services/outreach/enroll-contacts.js';
import { enrollProspects, EnrollProspectsInputSchema } from '../../../services/sdr/enroll-prospects.js';
import { getSdrProspect, getSdrSequences, SdrProspectSchema, SdrSequenceSchema } from '../../../services/sdr/get-sdr-prospect.js';
import { ProcessBatchInputSchema, processSdrBatch } from '../../../services/sdr/process-sdr-batch.js';
import { sourceProspects, SourceProspectsInputSchema } from '../../../services/sdr/source-prospects.js';
import { locationOf } from '../../auth.js';
import { errorResponses } from '../errors.js';

const ContactIdParams = z.object({ contactId: z.uuid() });
const Skipped = z.array(z.object({ contactId: z.string(), reason: z.string() }));

const SourceReportSchema = z.object({
  source: z.string(),
  found: z.number().int(),
  contactIds: z.array(z.string()),
  created: z.number().int().optional(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string(), detail: z.string().optional() })).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export async function sdrRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/sdr/prospects/source',
    {
      schema: {
        tags: ['sdr'],
        summary: 'Source prospects (GoHighLevel pipeline stages and stale leads, Curb leads by tier) and enrol them in the SDR sequence',
        description: 'Runs as a background job when the job queue is running (202 with the job id), inline otherwise (200 with what it did).',
        body: SourceProspectsInputSchema,
        response: {
          200: z.object({
            status: z.literal('completed'),
            campaignId: z.string().nullable(),
            sequenceVariant: z.string(),
            sources: z.array(SourceReportSchema),
            enrolled: z.number().int(),
            alreadyEnrolled: z.number().int(),
            skipped: Skipped,
          }),
          202: z.object({ status: z.literal('queued'), jobId: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const locationId = locationOf(request);
      if (services.queue) {
        const jobId = await services.queue.send(sdrSourceProspects, { locationId, input: request.body });
        return reply.code(202).send({ status: 'queued' as const, jobId });
      }
      const result = await sourceProspects(services, { locationId, input: request.body });
      return reply.code(200).send({ status: 'completed' as const, ...result });
    },
  );

  r.post(
    '/sdr/prospects/enroll',
    {
      schema: {
        tags: ['sdr'],
        summary: 'Enrol contacts in the SDR sequence (idempotent)',
        body: EnrollProspectsInputSchema,
        response: {
          200: z.object({ campaignId: z.string(), sequenceVariant: z.string(), enrolled: z.number().int(), alreadyEnrolled: z.number().int(), skipped: Skipped, enrollmentIds: z.array(z.string()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => enrollProspects(services, { locationId: locationOf(request), contactIds: request.body.contactIds, sequenceVariant: request.body.sequenceVariant }),
  );

  r.get(
    '/sdr/prospects/:contactId',
    { schema: { tags: ['sdr'], summary: 'A prospect: contact, prospect row, qualification, conversation and sequence state', params: ContactIdParams, response: { 200: SdrProspectSchema, ...errorResponses } } },
    async (request) => getSdrProspect(services, { locationId: locationOf(request), contactId: request.params.contactId }),
  );

  r.post(
    '/sdr/sequences/process-batch',
    {
      schema: {
        tags: ['sdr'],
        summary: "Cron endpoint: schedule this location's due touches and dispatch what is due",
        body: ProcessBatchInputSchema.default({}),
        response: {
          200: z.object({
            scheduled: z.object({ claimed: z.number().int(), outcomes: z.record(z.string(), z.number().int()) }),
            dispatched: z.object({ claimed: z.number().int(), recovered: z.number().int(), sent: z.number().int(), requeued: z.number().int(), failed: z.number().int(), deferred: z.number().int(), blocked: z.number().int(), passes: z.number().int() }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => processSdrBatch(services, { locationId: locationOf(request), input: request.body ?? {} }),
  );

  r.get(
    '/sdr/sequences/:contactId',
    {
      schema: {
        tags: ['sdr'],
        summary: "The contact's SDR sequence records with their touches (newest enrolment first)",
        params: ContactIdParams,
        response: { 200: z.object({ contactId: z.string(), sequences: z.array(SdrSequenceSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ contactId: request.params.contactId, sequences: await getSdrSequences(services, { locationId: locationOf(request), contactId: request.params.contactId }) }),
  );

  r.delete(
    '/sdr/sequences/:contactId',
    {
      schema: {
        tags: ['sdr'],
        summary: 'Disenrol a contact: its active SDR enrolments end and unsent touches are cancelled',
        params: ContactIdParams,
        response: { 200: z.object({ contactId: z.string(), enrollmentsStopped: z.number().int(), touchesCancelled: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => {
      const locationId = locationOf(request);
      const { contactId } = request.params;
      const sequences = await getSdrSequences(services, { locationId, contactId, withTouches: false });
      let enrollmentsStopped = 0;
      let touchesCancelled = 0;
      for (const campaignId of new Set(sequences.filter((s) => s.status === 'active' || s.status === 'paused').map((s) => s.campaignId))) {
        const r = await disenrollContact(services, { locationId, contactId, campaignId });
        enrollmentsStopped += r.enrollmentsStopped;
        touchesCancelled += r.touchesCancelled;
      }
      return { contactId, enrollmentsStopped, touchesCancelled };
    },
  );
}
