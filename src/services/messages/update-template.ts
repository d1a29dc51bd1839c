import { and, eq } from 'drizzle-orm';
import { messageTemplates } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { checkTemplate } from './check-template.js';
import { getTemplate } from './get-template.js';
import type { StoredTemplate, TemplatePatch } from './template-schemas.js';
import { fromRow, templateColumns } from './to-template.js';

export interface UpdateTemplateOptions {
  locationId: string;
  key: string;
  patch: TemplatePatch;
}

/**
 * Changes a template and bumps its version (replies and analytics refer to the version sent). Patching a
 * shipped default stores the location's own copy: that is how a default is reworded or deactivated.
 */
export async function updateTemplate(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: UpdateTemplateOptions): Promise<StoredTemplate> {
  const { locationId, key, patch } = options;
  const current = await getTemplate(deps, { locationId, key });
  const pick = <K extends keyof TemplatePatch>(k: K, fallback: TemplatePatch[K] | null) => (patch[k] === undefined ? fallback : patch[k]);
  const merged = {
    channel: pick('channel', current.channel)!,
    kind: pick('kind', current.kind)!,
    touch: pick('touch', current.touch),
    responseTo: pick('responseTo', current.responseTo as TemplatePatch['responseTo']),
    market: pick('market', current.market),
    subject: pick('subject', current.subject),
    body: pick('body', current.body)!,
  };
  const t = checkTemplate({
    key,
    channel: merged.channel,
    kind: merged.kind,
    ...(merged.touch == null ? {} : { touch: merged.touch }),
    ...(merged.responseTo == null ? {} : { responseTo: merged.responseTo }),
    ...(merged.market == null ? {} : { market: merged.market }),
    ...(merged.subject == null ? {} : { subject: merged.subject }),
    body: merged.body,
  });
  const now = deps.clock.now();
  const values = {
    name: patch.name ?? current.name,
    ...templateColumns(t),
    active: patch.active ?? current.active,
    version: current.version + 1,
    updatedAt: now,
  };
  if (current.source === 'default') {
    const [row] = await deps.db.insert(messageTemplates).values({ id: newId(), locationId, key, createdAt: now, ...values }).returning();
    return fromRow(row!, true);
  }
  const [row] = await deps.db
    .update(messageTemplates)
    .set(values)
    .where(and(eq(messageTemplates.locationId, locationId), eq(messageTemplates.key, key), eq(messageTemplates.version, current.version)))
    .returning();
  // Someone else changed it between our read and write: apply the patch again on top of their version.
  if (!row) return updateTemplate(deps, options);
  return fromRow(row, current.overridesDefault);
}
