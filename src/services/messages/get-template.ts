import { and, eq } from 'drizzle-orm';
import { messageTemplates } from '../../db/schema/index.js';
import { DEFAULT_TEMPLATES } from '../../domain/messages/default-templates.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { StoredTemplate } from './template-schemas.js';
import { fromDefault, fromRow } from './to-template.js';

/** The location's own template with this key, else the shipped default; another location's is not found. */
export async function getTemplate(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; key: string }): Promise<StoredTemplate> {
  const shipped = DEFAULT_TEMPLATES.find((t) => t.key === options.key);
  const [row] = await deps.db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.locationId, options.locationId), eq(messageTemplates.key, options.key)))
    .limit(1);
  if (row) return fromRow(row, shipped !== undefined);
  if (shipped) return fromDefault(shipped);
  throw notFound('template', options.key);
}
