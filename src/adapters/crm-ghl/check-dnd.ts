import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { GhlFailureCode, type GhlClient, type GhlDndChannel } from './interface.js';

/**
 * Workflow enrolments skip HighLevel's per-message DND check (the workflow's own action may or may not
 * honour it), so a workflow-based touch looks at the contact's DND first and answers like a refused send.
 */
export async function checkGhlDnd(client: Pick<GhlClient, 'getContact'>, contactId: string, channel: GhlDndChannel): Promise<Result<void, AppFailure>> {
  const c = await client.getContact(contactId);
  if (!c.ok) return c;
  if (c.value.dnd || c.value.dndChannels.includes(channel)) return failure(GhlFailureCode.BadRequest, `Cannot enrol contact ${contactId}: DND is active for ${channel}.`, false);
  return ok(undefined);
}
