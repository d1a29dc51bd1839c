import { eq } from 'drizzle-orm';
import { messageTemplates } from '../../db/schema/index.js';
import { DEFAULT_TEMPLATES } from '../../domain/messages/default-templates.js';
import type { ServiceDeps } from '../app-services.js';
import type { StoredTemplate, TemplateListQuery } from './template-schemas.js';
import { fromDefault, fromRow } from './to-template.js';

const DEFAULT_KEYS = new Set(DEFAULT_TEMPLATES.map((t) => t.key));
const DEFAULTS = DEFAULT_TEMPLATES.map(fromDefault);

export function isDefaultKey(key: string): boolean {
  return DEFAULT_KEYS.has(key);
}

export interface ListTemplatesOptions {
  locationId: string;
  query?: TemplateListQuery;
}

/**
 * The location's effective templates: the shipped defaults (served from code, so an upgrade brings the
 * improved copy) merged with the location's own rows; an own template with a default's key replaces it.
 * Sorted by channel, kind, touch and key.
 */
export async function listTemplates(deps: Pick<ServiceDeps, 'db'>, options: ListTemplatesOptions): Promise<StoredTemplate[]> {
  const rows = await deps.db.select().from(messageTemplates).where(eq(messageTemplates.locationId, options.locationId));
  const byKey = new Map<string, StoredTemplate>(DEFAULTS.map((t) => [t.key, t]));
  for (const row of rows) byKey.set(row.key, fromRow(row, DEFAULT_KEYS.has(row.key)));
  const q = options.query ?? {};
  const market = q.market?.toLowerCase();
  return [...byKey.values()]
    .filter(
      (t) =>
        (q.channel === undefined || t.channel === q.channel) &&
        (q.kind === undefined || t.kind === q.kind) &&
        (q.touch === undefined || t.touch === q.touch) &&
        (market === undefined || t.market === null || t.market.toLowerCase() === market) &&
        (q.active === undefined || t.active === q.active) &&
        (q.source === undefined || t.source === q.source),
    )
    .sort((a, b) => a.channel.localeCompare(b.channel) || a.kind.localeCompare(b.kind) || (a.touch ?? 0) - (b.touch ?? 0) || a.key.localeCompare(b.key));
}
