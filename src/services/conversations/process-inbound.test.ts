import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../test/helpers/test-services.js';
import { createFakeLlmProvider } from '../../adapters/llm/fake.js';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { fixedClock } from '../../lib/clock.js';
import { createContact } from '../contacts/create-contact.js';
import { useConversationLlm } from './conversation-llm.js';
import { conversationSettingsFor } from './conversation-settings.js';
import { processInbound } from './process-inbound.js';
import { receiveInbound } from './receive-inbound.js';

const throwingLlm: LlmProvider = {
  name: 'broken:model',
  kind: 'ollama',
  generate: () => {
    throw new Error('model provider exploded');
  },
  generateStructured: () => {
    throw new Error('model provider exploded');
  },
  health: () => {
    throw new Error('model provider exploded');
  },
};

describe.each(databaseTargets())('processInbound: opt-out first, whatever fails after it (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let n = 0;
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const contact = (phone: string) => createContact(ctx.services, { locationId, input: { ownerName: `Owner ${phone}`, phone, mailingState: 'GA' } });
  const receive = (from: string, body: string) =>
    receiveInbound(ctx.services, { locationId, channel: 'sms', provider: 'twilio', providerMessageId: `SMtest${++n}`, from, to: '+14075550000', body });
  const optedOut = async (contactId: string) => {
    const [c] = await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [contactId]);
    const dnc = await sql('select id from suppressions where list = $1 and value = (select phone from contacts where id = $2)', ['internal_dnc', contactId]);
    const rev = await sql("select id from consent_events where contact_id = $1 and kind = 'revocation'", [contactId]);
    return c?.opt_out === true && dnc.length === 1 && rev.length === 1;
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock: fixedClock(REFERENCE_INSTANT), env: { LLM_PROVIDER: 'ollama' } });
    ({ location: { id: locationId } } = await createTenant(ctx.services));
    useConversationLlm(ctx.services, throwingLlm);
  });
  afterAll(async () => ctx.close());

  it('stores the opt-out when the classifier throws', async () => {
    const c = await contact('4045551001');
    const r = await receive('+14045551001', 'Tame me off yoyr list');
    expect(r.optedOut).toBe(true);
    const out = await processInbound(ctx.services, {
      communicationId: r.communicationId!,
      webhookEventId: r.webhookEventId,
      classify: () => {
        throw new Error('classifier exploded');
      },
    });
    expect(out.action).toBe('opt_out');
    expect(await optedOut(c.id)).toBe(true);
    const [d] = await sql<{ inputs: { errors: string[] } }>('select inputs from conversation_decisions where communication_id = $1', [r.communicationId]);
    expect(d?.inputs.errors.join(' ')).toContain('classifier exploded');
  });

  it('stores the opt-out when the model provider throws (a low-confidence reply would ask it)', async () => {
    const c = await contact('4045551002');
    const r = await receive('+14045551002', 'pls remove my number from ur list, cease all contact');
    await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId });
    expect(await optedOut(c.id)).toBe(true);
  });

  it('stores the opt-out even when every later step throws: it is committed with the message', async () => {
    const c = await contact('4045551003');
    const r = await receive('+14045551003', 'STOP. I am not interested and do not want these texts');
    expect(await optedOut(c.id)).toBe(true);
    // Break the database connection the later steps would use: processing fails, the opt-out stays.
    const broken = { ...ctx.services, db: new Proxy(ctx.services.db, { get: () => () => { throw new Error('database gone'); } }) };
    await expect(processInbound(broken, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId })).rejects.toThrow('database gone');
    expect(await optedOut(c.id)).toBe(true);
  });

  it('keeps the classifier\'s answer when the model provider throws on a low-confidence reply', async () => {
    await contact('4045551004');
    const r = await receive('+14045551004', 'not sure');
    const out = await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId });
    expect(out.status).toBe('processed');
    const [d] = await sql<{ inputs: { intentSource: string; errors: string[] } }>('select inputs from conversation_decisions where communication_id = $1', [r.communicationId]);
    expect(d?.inputs.intentSource).not.toBe('llm');
    expect(d?.inputs.errors.join(' ')).toContain('model provider exploded');
  });

  it('asks the model only when the classifier is unsure, and uses its label', async () => {
    const fake = createFakeLlmProvider({ replies: ['{"intent": "interested", "confidence": 0.82, "objection": null}'] });
    useConversationLlm(ctx.services, fake);
    await contact('4045551005');
    const sure = await receive('+14045551005', 'Not interested');
    await processInbound(ctx.services, { communicationId: sure.communicationId!, webhookEventId: sure.webhookEventId });
    expect(fake.requests).toHaveLength(0);
    await contact('4045551006');
    const unsure = await receive('+14045551006', 'not sure');
    const out = await processInbound(ctx.services, { communicationId: unsure.communicationId!, webhookEventId: unsure.webhookEventId });
    expect(fake.requests).toHaveLength(1);
    expect(out.action).toBe('handoff');
    const [d] = await sql<{ inputs: { intentSource: string; intent: string } }>('select inputs from conversation_decisions where communication_id = $1', [unsure.communicationId]);
    expect(d?.inputs).toMatchObject({ intentSource: 'llm', intent: 'interested' });
    useConversationLlm(ctx.services, throwingLlm);
  });

  it('decides with the message in the webhook path; a classifier that throws there keeps the opt-out and the message', async () => {
    const c = await contact('4045551008');
    const r = await receiveInbound(
      ctx.services,
      { locationId, channel: 'sms', provider: 'twilio', providerMessageId: `SMtest${++n}`, from: '+14045551008', to: '+14075550000', body: 'quit texting me' },
      { decide: { settings: conversationSettingsFor({}, ctx.services.config), llm: null }, classify: () => { throw new Error('classifier exploded'); } },
    );
    expect(r.optedOut).toBe(true);
    expect(r.decided?.decision.action).toBe('opt_out');
    expect(await optedOut(c.id)).toBe(true);
    await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId });
    expect(await sql('select id from conversation_decisions where communication_id = $1', [r.communicationId])).toHaveLength(1);
  });

  it('runs once: a second run of the same message does nothing', async () => {
    await contact('4045551007');
    const r = await receive('+14045551007', 'who is this');
    expect((await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId })).status).toBe('processed');
    expect((await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId })).status).toBe('skipped');
    expect(await sql('select id from conversation_decisions where communication_id = $1', [r.communicationId])).toHaveLength(1);
  });
});
