import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { createFakeLlmProvider } from '../../adapters/llm/fake.js';
import { LlmFailureCode } from '../../adapters/llm/interface.js';
import { createTemplateProvider } from '../../adapters/llm/template-provider.js';
import { costs, properties, propertyContacts } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import { recordCommunication } from '../communications/record-communication.js';
import { createContact } from '../contacts/create-contact.js';
import { updateLocation } from '../locations/update-location.js';
import { composeMessage } from './compose-message.js';

describe.each(databaseTargets())('composeMessage (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let contactId: string;
  const llmCosts = () => ctx.services.db.select().from(costs).where(eq(costs.locationId, locationId));

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { LLM_INPUT_PRICE_PER_MTOK_USD: '3', LLM_OUTPUT_PRICE_PER_MTOK_USD: '15' } });
    const t = await createTenant(ctx.services, 'Sunshine Home Buyers');
    locationId = t.location.id;
    await updateLocation(ctx.services, { locationId, patch: { agentName: 'Dana Ruiz', phone: '(407) 555-0134' } });
    contactId = (await createContact(ctx.services, { locationId, input: { firstName: 'Margaret', phone: '4075550100' } })).id;
    const propertyId = newId();
    await ctx.services.db.insert(properties).values({ id: propertyId, locationId, situsAddress: '1234 Lake Underhill Rd', situsCity: 'Orlando', situsState: 'FL' });
    await ctx.services.db.insert(propertyContacts).values({ propertyId, contactId });
  });
  afterAll(() => ctx.close());

  it('sends the model text when it passes the guard, and records its tokens and latency in costs', async () => {
    const llm = createFakeLlmProvider({ replies: ['Hi Margaret, Dana Ruiz with Sunshine Home Buyers. Any interest in an as-is offer on 1234 Lake Underhill Rd?'] });
    const r = await composeMessage({ ...ctx.services, llm }, { locationId, contactId, channel: 'sms', kind: 'initial', touch: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ source: 'model', path: 'candidate', verdict: 'pass', templateKey: 'sms.initial', channel: 'sms', provider: 'fake:fake-model' });
    expect(r.value.text).toBe('Hi Margaret, Dana Ruiz with Sunshine Home Buyers. Any interest in an as-is offer on 1234 Lake Underhill Rd? Reply STOP to opt out');
    expect(r.value.segments.segments).toBe(1);
    const [row] = (await llmCosts()).filter((c) => c.id === r.value.costId);
    expect(row).toMatchObject({ kind: 'llm', unitLabel: 'tokens', contactId });
    const meta = row!.meta as Record<string, unknown>;
    expect(meta).toMatchObject({ model: 'fake:fake-model', latencyMs: 1, tokensOut: 19, source: 'model', templateKey: 'sms.initial' });
    expect(Number(row!.units)).toBe((meta.tokensIn as number) + (meta.tokensOut as number));
    expect(Number(row!.amountUsd)).toBeCloseTo(((meta.tokensIn as number) * 3 + 19 * 15) / 1e6, 5);
    expect(row!.occurredAt.toISOString()).toBe('2025-06-10T15:00:00.000Z');
  });

  it('gives the model the decrypted conversation and the objection for a reply', async () => {
    await recordCommunication(ctx.services, { locationId, contactId, direction: 'outbound', channel: 'sms', body: 'Hi Margaret, any interest in selling?' });
    await recordCommunication(ctx.services, { locationId, contactId, direction: 'inbound', channel: 'sms', body: 'How much would you pay?' });
    const llm = createFakeLlmProvider({ replies: ["Fair question. I'd need to learn about the condition of 1234 Lake Underhill Rd first. Would a short call work?"] });
    const r = await composeMessage({ ...ctx.services, llm }, { locationId, contactId, channel: 'sms', responseTo: 'price' });
    expect(r.ok && r.value).toMatchObject({ source: 'model', templateKey: 'sms.response.price' });
    const prompt = llm.requests[0]!.messages[0]!.content;
    expect(prompt).toContain('Owner: """How much would you pay?"""');
    expect(prompt).toContain('Do not give or hint at any number');
  });

  it('falls back to the template when the provider fails, and when the model invents a price', async () => {
    const down = createFakeLlmProvider({ replies: [{ code: LlmFailureCode.Unavailable, message: 'connection refused', retry: true }] });
    const r = await composeMessage({ ...ctx.services, llm: down }, { locationId, contactId, channel: 'sms', kind: 'follow_up', touch: 2 });
    expect(r.ok && r.value).toMatchObject({ source: 'template', path: 'fallback', templateKey: 'sms.follow-up.2', modelFailure: { code: 'llm_unavailable' } });
    expect(r.ok && r.value.text).toContain('1234 Lake Underhill Rd');

    const liar = createFakeLlmProvider({ replies: ['Hi Margaret, we will pay $250,000 cash for 1234 Lake Underhill Rd this week!'] });
    const l = await composeMessage({ ...ctx.services, llm: liar }, { locationId, contactId, channel: 'sms', kind: 'follow_up', touch: 2 });
    expect(l.ok && l.value).toMatchObject({ source: 'template', modelFailure: { code: 'guard_refused' } });
    expect(l.ok && l.value.text).not.toContain('$250,000');
    // The refused call still cost tokens: it is recorded.
    expect((await llmCosts()).some((c) => c.id === (l.ok ? l.value.costId : 'none'))).toBe(true);
  });

  it('writes from the template without a model and records no model cost', async () => {
    const before = (await llmCosts()).length;
    const r = await composeMessage({ ...ctx.services, llm: createTemplateProvider() }, { locationId, contactId, channel: 'sms', kind: 'initial', touch: 1, variant: 'B' });
    expect(r.ok && r.value).toMatchObject({ source: 'template', variant: 'B', provider: 'template', costId: null, tokens: { in: 0, out: 0 } });
    expect((await llmCosts()).length).toBe(before);
  });

  it('reports a missing template as a failure value', async () => {
    const r = await composeMessage({ ...ctx.services, llm: createTemplateProvider() }, { locationId, contactId, channel: 'sms', templateKey: 'nope' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('template_not_found');
  });
});
