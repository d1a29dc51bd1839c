import type { imports } from '../../db/schema/index.js';
import type { ImportReport } from './parse-lead-file.js';
import type { ImportView } from './import-schemas.js';

export function toImport(row: typeof imports.$inferSelect): ImportView {
  const report = (row.report ?? null) as ImportReport | null;
  const done = row.status === 'done';
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as ImportView['status'],
    fileName: row.fileName,
    preset: row.preset,
    rowsRead: row.rowsRead,
    report: done ? report : null,
    progress: report ? { imported: report.imported, updated: report.updated } : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}
