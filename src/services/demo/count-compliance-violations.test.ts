import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../test/helpers/test-services.js';
import { newId } from '../../lib/ids.js';
import { createContact } from '../contacts/create-contact.js';
import { countComplianceViolations } from './count-compliance-violations.js';

const T0 = new Date(REFERENCE_INSTANT).getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe.each(databaseTargets())('countComplianceViolations (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let n = 0;
  const sql = (text: string, values: unknown[]) => ctx.services.database.executeSql(text, values);

  const decision = async (o: { contactId: string; to: string; decision?: 'allow' | 'defer' | 'block'; at: string; channel?: string }) => {
    const id = newId();
    await sql(
      `insert into compliance_decisions (id, location_id, contact_id, channel, purpose, to_address, decision, rules, reasons, inputs, decided_at)
       values ($1, $2, $3, $4, 'marketing', $5, $6, '{}', '[]'::jsonb, '{}'::jsonb, $7)`,
      [id, locationId, o.contactId, o.channel ?? 'sms', o.to, o.decision ?? 'allow', o.at],
    );
    return id;
  };
  const send = async (o: { contactId: string; to: string; decisionId: string | null; sentAt: string; purpose?: string; channel?: string }) => {
    await sql(
      `insert into touches (id, location_id, contact_id, channel, idempotency_key, status, to_address, purpose, initiation, compliance_decision_id, sent_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'sent', $6, $7, 'automated', $8, $9, $9, $9)`,
      [newId(), locationId, o.contactId, o.channel ?? 'sms', `test:${++n}`, o.to, o.purpose ?? 'marketing', o.decisionId, o.sentAt],
    );
  };
  const owner = async (phone: string) => (await createContact(ctx.services, { locationId, input: { ownerName: `Owner ${phone}`, phone, mailingState: 'FL' } })).id;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ location: { id: locationId } } = await createTenant(ctx.services));
  });
  afterAll(async () => ctx.close());

  it('finds nothing wrong with a send on a fresh allow for it', async () => {
    const c = await owner('4075550111');
    await send({ contactId: c, to: '+14075550111', decisionId: await decision({ contactId: c, to: '+14075550111', at: at(0) }), sentAt: at(1) });
    expect(await countComplianceViolations(ctx.services.database, { locationId })).toEqual({
      sendsChecked: 1,
      violations: 0,
      byKind: { noDecision: 0, notAllowed: 0, decisionForAnotherSend: 0, staleDecision: 0, afterOptOut: 0 },
    });
  });

  it('counts each kind of bad send, and each send once', async () => {
    const c = await owner('4075550112');
    const other = await owner('4075550113');
    const to = '+14075550112';
    // No decision at all.
    await send({ contactId: c, to, decisionId: null, sentAt: at(10) });
    // Against a block, and against a defer.
    await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, decision: 'block', at: at(20) }), sentAt: at(20) });
    await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, decision: 'defer', at: at(30) }), sentAt: at(30) });
    // An allow from an hour before, and one decided after the send.
    await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(40) }), sentAt: at(100) });
    await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(111) }), sentAt: at(110) });
    // Another owner's allow, and an allow for an email used for a text.
    await send({ contactId: c, to, decisionId: await decision({ contactId: other, to: '+14075550113', at: at(120) }), sentAt: at(120) });
    await send({ contactId: c, to, decisionId: await decision({ contactId: c, to: 'owner@example.com', channel: 'email', at: at(130) }), sentAt: at(130) });
    expect(await countComplianceViolations(ctx.services.database, { locationId })).toMatchObject({
      sendsChecked: 8,
      violations: 7,
      byKind: { noDecision: 1, notAllowed: 2, staleDecision: 2, decisionForAnotherSend: 2, afterOptOut: 0 },
    });
  });

  it('counts a send after the owner opted out, but not the one confirmation within 5 minutes', async () => {
    const { locationId: other } = { locationId: (await createTenant(ctx.services, 'Opt-out Buyers')).location.id };
    const save = locationId;
    locationId = other;
    try {
      const c = await owner('4075550114');
      const to = '+14075550114';
      await sql(`update contacts set opt_out = true, opted_out_at = $2 where id = $1`, [c, at(200)]);
      await sql(
        `insert into consent_events (id, location_id, contact_id, kind, channel, source, occurred_at, created_at) values ($1, $2, $3, 'revocation', 'sms', 'sms_keyword', $4, $4)`,
        [newId(), locationId, c, at(200)],
      );
      // Before the opt-out: fine. The confirmation 2 minutes after: fine. A second confirmation and a marketing text: not.
      await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(150) }), sentAt: at(150) });
      await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(202) }), sentAt: at(202), purpose: 'opt_out_confirmation' });
      await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(203) }), sentAt: at(203), purpose: 'opt_out_confirmation' });
      await send({ contactId: c, to, decisionId: await decision({ contactId: c, to, at: at(24 * 60) }), sentAt: at(24 * 60) });
      // A wrong-number reply put another number on the internal list: a text to it afterwards counts too.
      const d = await owner('4075550115');
      await sql(`insert into suppressions (list, location_id, state, value, reason, source, created_at) values ('internal_dnc', $1, '', '+14075550115', 'wrong_number', 'test', $2)`, [locationId, at(300)]);
      await send({ contactId: d, to: '+14075550115', decisionId: await decision({ contactId: d, to: '+14075550115', at: at(400) }), sentAt: at(400) });
      expect(await countComplianceViolations(ctx.services.database, { locationId })).toMatchObject({ sendsChecked: 5, violations: 3, byKind: { afterOptOut: 3 } });
    } finally {
      locationId = save;
    }
  });
});
