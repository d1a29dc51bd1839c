import { and, eq } from 'drizzle-orm';
import { messageTemplates } from '../../db/schema/index.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import { isDefaultKey } from './list-templates.js';

/**
 * Deletes the location's own template. Deleting an override brings the shipped default back; a default
 * itself cannot be deleted (PATCH it with `active: false` to stop using it).
 */
export async function deleteTemplate(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; key: string }): Promise<{ revertedToDefault: boolean }> {
  const deleted = await deps.db
    .delete(messageTemplates)
    .where(and(eq(messageTemplates.locationId, options.locationId), eq(messageTemplates.key, options.key)))
    .returning({ id: messageTemplates.id });
  if (deleted.length > 0) return { revertedToDefault: isDefaultKey(options.key) };
  if (isDefaultKey(options.key)) {
    throw new AppError(ErrorCode.Conflict, `template ${options.key} is a shipped default and cannot be deleted; PATCH it with {"active": false} to stop using it`, {
      issues: [{ path: 'key', message: 'shipped default' }],
    });
  }
  throw notFound('template', options.key);
}
