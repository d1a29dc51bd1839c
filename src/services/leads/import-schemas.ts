import { z } from 'zod';
import { CANONICAL_FIELDS } from '../../domain/leads/canonical-fields.js';
import { IMPORT_PRESET_NAMES } from '../../domain/leads/import-presets.js';

export const ImportReportSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  warnings: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })),
});

export const IMPORT_STATUSES = ['queued', 'running', 'interrupted', 'failed', 'done'] as const;

export const ImportSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string().nullable(),
  preset: z.string().nullable(),
  rowsRead: z.number().int(),
  /** The final report once `done`; the counts so far while running. */
  report: ImportReportSchema.nullable(),
  progress: z.object({ imported: z.number().int(), updated: z.number().int() }).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportSchema>;

const MAPPING_TARGETS = [...Object.keys(CANONICAL_FIELDS), 'ignore'] as unknown as [string, ...string[]];

/** `{ "Situs Addr": "situs_address", "Notes": "ignore" }` */
export const ColumnMappingSchema = z.record(z.string().min(1).max(200), z.enum(MAPPING_TARGETS, { message: 'unknown field; see docs/guides/imports.md' }));

export const ImportOptionsSchema = z.object({
  preset: z.enum(IMPORT_PRESET_NAMES).default('generic'),
  mapping: ColumnMappingSchema.default({}),
  market: z.string().trim().min(1).max(64).optional(),
  dryRun: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/**
 * Parses `--map column=field` (or the API's repeated `map` fields) into a mapping. A malformed entry is a
 * validation error naming it.
 */
export function parseMapEntries(entries: readonly string[]): { ok: true; mapping: Record<string, string> } | { ok: false; entry: string; reason: string } {
  const mapping: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const column = at > 0 ? entry.slice(0, at).trim() : '';
    const field = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!column || !field) return { ok: false, entry, reason: 'expected column=field' };
    if (!MAPPING_TARGETS.includes(field)) return { ok: false, entry, reason: `unknown field "${field}"` };
    mapping[column] = field;
  }
  return { ok: true, mapping };
}
