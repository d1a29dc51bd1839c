import { and, eq } from 'drizzle-orm';
import { messageTemplates } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { checkTemplate } from './check-template.js';
import { isDefaultKey } from './list-templates.js';
import type { StoredTemplate, TemplateInput } from './template-schemas.js';
import { fromRow, templateColumns } from './to-template.js';

export interface CreateTemplateOptions {
  locationId: string;
  input: TemplateInput;
}

/**
 * Adds a template to the location. A key that a shipped default uses overrides that default for this
 * location; a key the location already has is a conflict (PATCH it instead).
 */
export async function createTemplate(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: CreateTemplateOptions): Promise<StoredTemplate> {
  const { input, locationId } = options;
  const t = checkTemplate({
    key: input.key,
    channel: input.channel,
    kind: input.kind,
    ...(input.touch == null ? {} : { touch: input.touch }),
    ...(input.responseTo == null ? {} : { responseTo: input.responseTo }),
    ...(input.market == null ? {} : { market: input.market }),
    ...(input.subject == null ? {} : { subject: input.subject }),
    body: input.body,
  });
  const [existing] = await deps.db
    .select({ id: messageTemplates.id })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.locationId, locationId), eq(messageTemplates.key, t.key)))
    .limit(1);
  if (existing) throw new AppError(ErrorCode.Conflict, `template ${t.key} already exists: PATCH /v1/templates/${t.key} to change it`, { issues: [{ path: 'key', message: 'already exists' }] });
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(messageTemplates)
    .values({
      id: newId(),
      locationId,
      key: t.key,
      name: input.name ?? t.key,
      ...templateColumns(t),
      active: input.active ?? true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  // A concurrent create of the same key lost the race.
  if (!row) throw new AppError(ErrorCode.Conflict, `template ${t.key} already exists`, { issues: [{ path: 'key', message: 'already exists' }] });
  return fromRow(row, isDefaultKey(t.key));
}
