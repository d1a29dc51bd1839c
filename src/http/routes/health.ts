import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../services/app-services.js';

const CheckSchema = z.object({ ok: z.boolean(), detail: z.string().optional() });

export async function healthRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  r.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database and the job queue are reachable',
        response: { 200: z.object({ status: z.string(), checks: z.record(z.string(), CheckSchema) }), 503: z.object({ status: z.string(), checks: z.record(z.string(), CheckSchema) }) },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, z.infer<typeof CheckSchema>> = {};
      try {
        await services.database.executeSql('select 1', []);
        checks.database = { ok: true };
      } catch (e) {
        checks.database = { ok: false, detail: (e as Error).message };
      }
      if (!services.queue) {
        checks.jobs = { ok: false, detail: 'job queue not started' };
      } else {
        try {
          await services.database.executeSql(`select version from ${services.config.env.JOBS_SCHEMA}.version`, []);
          checks.jobs = { ok: true };
        } catch (e) {
          checks.jobs = { ok: false, detail: (e as Error).message };
        }
      }
      const ready = Object.values(checks).every((c) => c.ok);
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
}
