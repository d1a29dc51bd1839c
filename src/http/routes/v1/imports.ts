import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leadsImport } from '../../../jobs/definitions/leads-import.js';
import { AppError, ErrorCode, validationError } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { AppServices } from '../../../services/app-services.js';
import { getImport } from '../../../services/leads/get-import.js';
import { ImportOptionsSchema, ImportSchema, parseMapEntries } from '../../../services/leads/import-schemas.js';
import { queueImport } from '../../../services/leads/queue-import.js';
import { locationOf } from '../../auth.js';
import { ErrorBodySchema, errorResponses } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const AcceptedSchema = z.object({ id: z.string().uuid(), status: z.string() });

/** Reads a `map` field: `column=field`, or a JSON object `{ "column": "field" }`. */
function mapEntriesOf(values: string[]): string[] {
  return values.flatMap((v) => {
    const t = v.trim();
    if (!t.startsWith('{')) return [t];
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      throw validationError([{ path: ['map'], message: 'not valid JSON' }], 'import');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw validationError([{ path: ['map'], message: 'expected an object of column → field' }], 'import');
    return Object.entries(parsed as Record<string, unknown>).map(([k, f]) => `${k}=${String(f)}`);
  });
}

export async function importRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  await app.register(multipart, { limits: { fileSize: services.config.env.IMPORT_UPLOAD_LIMIT_BYTES, files: 1, fields: 50 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a lead list (multipart: file, preset, map, market, dryRun); stored by a background job',
        consumes: ['multipart/form-data'],
        response: { 202: AcceptedSchema, 413: ErrorBodySchema, 415: ErrorBodySchema, 503: ErrorBodySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const locationId = locationOf(request);
      const queue = services.queue;
      if (!queue) throw new AppError(ErrorCode.NotReady, 'the job queue is not running in this process');
      if (!request.isMultipart()) throw new AppError(ErrorCode.UnsupportedMediaType, 'send the list as multipart/form-data with a `file` field');
      const dir = join(services.config.dataDir, 'uploads');
      await mkdir(dir, { recursive: true });
      const fields: Record<string, string[]> = {};
      let stored: { path: string; name: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || stored) {
              part.file.resume();
              continue;
            }
            const name = part.filename || 'upload.csv';
            const path = join(dir, `${newId()}${name.endsWith('.gz') ? '.csv.gz' : '.csv'}`);
            await pipeline(part.file, createWriteStream(path));
            if (part.file.truncated) {
              await rm(path, { force: true });
              throw new AppError(ErrorCode.PayloadTooLarge, `file: larger than ${services.config.env.IMPORT_UPLOAD_LIMIT_BYTES} bytes`);
            }
            stored = { path, name };
          } else (fields[part.fieldname] ??= []).push(String(part.value));
        }
        if (!stored) throw validationError([{ path: ['file'], message: 'required: the CSV file' }], 'import');
        const map = parseMapEntries(mapEntriesOf(fields.map ?? []));
        if (!map.ok) throw validationError([{ path: ['map'], message: `${map.entry}: ${map.reason}` }], 'import');
        const dryRun = fields.dryRun?.[0];
        const parsed = ImportOptionsSchema.safeParse({
          ...(fields.preset?.[0] ? { preset: fields.preset[0] } : {}),
          mapping: map.mapping,
          ...(fields.market?.[0] ? { market: fields.market[0] } : {}),
          ...(dryRun === undefined ? {} : { dryRun: dryRun === 'true' || dryRun === '1' }),
        });
        if (!parsed.success) throw validationError(parsed.error.issues, 'import');
        const view = await queueImport(services, { locationId, fileName: stored.name, filePath: stored.path, options: parsed.data });
        await queue.send(leadsImport, { locationId, importId: view.id });
        return reply.status(202).send({ id: view.id, status: view.status });
      } catch (e) {
        if (stored) await rm(stored.path, { force: true });
        if (e instanceof Error && (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError(ErrorCode.PayloadTooLarge, `file: larger than ${services.config.env.IMPORT_UPLOAD_LIMIT_BYTES} bytes`);
        }
        throw e;
      }
    },
  );

  r.get(
    '/imports/:id',
    { schema: { tags: ['imports'], summary: 'An import: status, rows read, counts so far, the report when done', params: IdParams, response: { 200: ImportSchema, ...errorResponses } } },
    async (request) => getImport(services, { locationId: locationOf(request), importId: request.params.id }),
  );
}
