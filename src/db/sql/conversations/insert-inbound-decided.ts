/**
 * Stores an inbound message in one statement: the webhook event (the provider's message id de-duplicates),
 * for an unknown sender the new lead and its contact point, the message, and — when it was decided — the
 * message's understanding and its decision row. One statement is one transaction: the message is stored
 * with its decision or not at all, and a redelivery stores nothing (`eventId` comes back null). A
 * concurrent first message from the same unknown sender makes the point's unique index fail the whole
 * statement; the caller then takes the step-by-step path, which settles that race.
 *
 * An opt-out is committed in the same statement, as optOutContact does it (the flag, an internal DNC
 * entry for every point of the contact, a revocation consent event, lead status opt_out, active
 * enrollments ended, queued touches cancelled but an opt-out confirmation): opt-outs first, with the
 * message itself, before the decision is carried out. A named prepared
 * statement on PostgreSQL. Reviewed hot path (`npm run bench -- conversations`).
 */
import type { Database } from '../../client.js';

export interface InsertInboundDecidedOptions {
  webhookEventId: string;
  provider: string;
  providerMessageId: string;
  locationId: string;
  contactId: string;
  communicationId: string;
  channel: 'sms' | 'email';
  from: string;
  to: string | null;
  subject: string | null;
  bodyEnc: string;
  receivedAt: Date;
  /** An unknown sender: create this lead (source inbound) with a verified point for `pointValue`. */
  newContact?: { ownerName: string | null; pointId: string; kind: 'phone' | 'email'; pointValue: string };
  /** The message opts the contact out (optOutContact's writes, with the message). */
  optOut?: { source: string; evidenceEnc: string; consentEventId: string; leadStatusId: string };
  /** Absent: stored undecided (the job decides it). */
  decision?: {
    id: string;
    action: string;
    reasons: string[];
    inputs: Record<string, unknown>;
    sentiment: number;
    intent: string;
    intentConfidence: number;
    objection: string | null;
    decidedAt: Date;
  };
}

const STORE = `
with ev as (
  insert into webhook_events (id, provider, event_id, location_id, kind, status, received_at)
  values ($1::uuid, $2::text, $3::text, $4::uuid, $5::text, 'received', $6::timestamptz)
  on conflict (provider, event_id) do nothing
  returning id
), ct as (
  insert into contacts (id, location_id, owner_name, phone, email, source, opt_out, opted_out_at, created_at, updated_at)
  select $8::uuid, $4::uuid, $23::text, case when $25::text = 'phone' then $26::text end, case when $25::text = 'email' then $26::text end, 'inbound',
    $27::boolean, case when $27::boolean then $6::timestamptz end, $6::timestamptz, $6::timestamptz
  from ev where $24::uuid is not null
  returning id
), pt as (
  insert into contact_points (id, location_id, contact_id, kind, value, source, verified, status, created_at, updated_at)
  select $24::uuid, $4::uuid, ct.id, $25::text, $26::text, 'inbound', true, case when $27::boolean then 'opted_out' else 'active' end, $6::timestamptz, $6::timestamptz
  from ct
  returning id, value
), cm as (
  insert into communications (id, location_id, contact_id, direction, channel, from_address, to_address, subject, body_enc,
    sentiment_score, intent, intent_confidence, objection, provider, provider_message_id, status, occurred_at, created_at)
  select $7::uuid, $4::uuid, $8::uuid, 'inbound', $9::text, $10::text, $11::text, $12::text, $13::text,
    $14::real, $15::text, $16::real, $17::text, $2::text, $3::text, case when $18::text is null then 'received' else 'read' end, $6::timestamptz, $6::timestamptz
  from ev
  returning id
), dc as (
  insert into conversation_decisions (id, location_id, contact_id, communication_id, action, reasons, inputs, decided_at)
  select $19::uuid, $4::uuid, $8::uuid, cm.id, $18::text, $20::jsonb, $21::jsonb, $22::timestamptz
  from cm where $18::text is not null
  on conflict do nothing
  returning id
)`;

// One snapshot for the whole statement: the updates reach the rows as the statement found them, so a new
// lead is inserted opted out (ct, pt above) and its point is named beside the existing ones (op).
const OPT_OUT = `, oc as (
  update contacts set opt_out = true, opted_out_at = coalesce(opted_out_at, $6::timestamptz), updated_at = $6::timestamptz
  where id = $8::uuid and location_id = $4::uuid and exists (select 1 from ev)
  returning id
), op as (
  select id, value from contact_points where contact_id = $8::uuid and exists (select 1 from ev)
  union all
  select id, value from pt
), os as (
  insert into suppressions (list, location_id, state, value, reason, source, created_at)
  select 'internal_dnc', $4::uuid, '', op.value, 'opt_out', $28::text, $6::timestamptz from op
  on conflict do nothing
  returning id
), opu as (
  update contact_points set status = 'opted_out', updated_at = $6::timestamptz
  where contact_id = $8::uuid and exists (select 1 from ev)
  returning id
), oce as (
  insert into consent_events (id, location_id, contact_id, kind, channel, source, evidence, occurred_at, created_at)
  select $30::uuid, $4::uuid, $8::uuid, 'revocation', $9::text, $28::text, json_build_object('textEnc', $29::text)::jsonb, $6::timestamptz, $6::timestamptz
  from cm
  returning id
), ols as (
  insert into lead_statuses (id, location_id, contact_id, status, changed_at, updated_at)
  select $31::uuid, $4::uuid, $8::uuid, 'opt_out', $6::timestamptz, $6::timestamptz from cm
  on conflict (contact_id) do update set status = 'opt_out', changed_at = excluded.changed_at, updated_at = excluded.updated_at
  returning id
), oen as (
  update enrollments set status = 'opted_out', state = 'OPTED_OUT', next_touch_at = null, awaiting_touch_id = null, completed_at = $6::timestamptz, updated_at = $6::timestamptz
  where contact_id = $8::uuid and status in ('active', 'paused') and exists (select 1 from ev)
  returning id
), oto as (
  -- Nothing queued may go out after an opt-out except the one confirmation (C3).
  update touches set status = 'cancelled', error_code = 'stopped:opt_out', lease_until = null, updated_at = $6::timestamptz
  where contact_id = $8::uuid and status in ('queued', 'awaiting_approval') and purpose <> 'opt_out_confirmation' and exists (select 1 from ev)
  returning id
)`;

const RESULT = `
select (select id from ev) as event_id, (select id from dc) as decision_id`;

const TEXT = `${STORE}${RESULT}`;
const TEXT_OPT_OUT = `${STORE}${OPT_OUT}${RESULT}`;

export async function insertInboundDecided(database: Pick<Database, 'executePrepared'>, o: InsertInboundDecidedOptions): Promise<{ eventId: string | null; decisionId: string | null }> {
  const d = o.decision;
  const [row] = (
    await database.executePrepared<{ event_id: string | null; decision_id: string | null }>(o.optOut ? 'curb_insert_inbound_opt_out' : 'curb_insert_inbound', o.optOut ? TEXT_OPT_OUT : TEXT, [
      o.webhookEventId,
      o.provider,
      o.providerMessageId,
      o.locationId,
      `inbound_${o.channel}`,
      o.receivedAt,
      o.communicationId,
      o.contactId,
      o.channel,
      o.from,
      o.to,
      o.subject,
      o.bodyEnc,
      d?.sentiment ?? null,
      d?.intent ?? null,
      d?.intentConfidence ?? null,
      d?.objection ?? null,
      d?.action ?? null,
      d?.id ?? null,
      d ? JSON.stringify(d.reasons) : null,
      d ? JSON.stringify(d.inputs) : null,
      d?.decidedAt ?? null,
      o.newContact?.ownerName ?? null,
      o.newContact?.pointId ?? null,
      o.newContact?.kind ?? null,
      o.newContact?.pointValue ?? null,
      Boolean(o.optOut),
      ...(o.optOut ? [o.optOut.source, o.optOut.evidenceEnc, o.optOut.consentEventId, o.optOut.leadStatusId] : []),
    ], { lane: 'webhook' })
  ).rows;
  return { eventId: row?.event_id ?? null, decisionId: row?.decision_id ?? null };
}
