/**
 * The demo's honesty check, computed from the database rather than trusted from the code that sent: every
 * send (a touch with a `sent_at`, whatever became of it afterwards) must point at a recorded compliance
 * decision that
 *   - exists (no send without a decision — ARCHITECTURE "nothing is ever sent without a recorded allow"),
 *   - is an `allow` (no send against a defer or a block),
 *   - was made for this contact, on this channel, to this address,
 *   - was made at most DECISION_FRESH_MS before the send and not after it (the dispatcher re-asks an older one),
 * and no send may reach an owner after they opted out (the contact's opt-out, a revocation, or the number or
 * address on the internal DNC list) — except the single confirmation of F10, within 5 minutes of it.
 */
import type { SqlExecutor } from '../../db/client.js';
import { DECISION_FRESH_MS } from '../outreach/dispatch-touches.js';

export interface ComplianceViolationReport {
  /** Sends examined. */
  sendsChecked: number;
  /** Sends that broke at least one of the rules below (each send counted once). */
  violations: number;
  byKind: {
    noDecision: number;
    notAllowed: number;
    decisionForAnotherSend: number;
    staleDecision: number;
    afterOptOut: number;
  };
}

export interface CountComplianceViolationsOptions {
  /** One location's sends; all locations when omitted. */
  locationId?: string;
  /** How long before a send its allow may have been decided (default DECISION_FRESH_MS). */
  freshMs?: number;
}

/** @example const r = await countComplianceViolations(services.database, { locationId }); r.violations === 0 */
export async function countComplianceViolations(db: SqlExecutor, o: CountComplianceViolationsOptions = {}): Promise<ComplianceViolationReport> {
  const freshMs = o.freshMs ?? DECISION_FRESH_MS;
  const { rows } = await db.executeSql<{
    checked: number;
    no_decision: number;
    not_allowed: number;
    other_send: number;
    stale: number;
    after_opt_out: number;
    violations: number;
  }>(
    `with sent as (
       select t.id, t.location_id, t.contact_id, t.channel, t.purpose, t.sent_at, lower(t.to_address) as to_address,
              d.id as d_id, d.decision, d.decided_at, d.contact_id as d_contact, d.channel as d_channel, lower(d.to_address) as d_to
       from touches t
       left join compliance_decisions d on d.id = t.compliance_decision_id
       where t.sent_at is not null and ($1::uuid is null or t.location_id = $1::uuid)
     ),
     opted as (
       -- Every instant from which this send's recipient had asked not to be contacted.
       select s.id, o.at
       from sent s
       join lateral (
         select c.opted_out_at as at from contacts c where c.id = s.contact_id and c.opted_out_at is not null
         union all
         select r.occurred_at from consent_events r where r.contact_id = s.contact_id and r.kind = 'revocation'
         union all
         select x.created_at from suppressions x
         where x.list = 'internal_dnc' and lower(x.value) = s.to_address and (x.location_id is null or x.location_id = s.location_id)
       ) o on o.at < s.sent_at
       -- A START (opt_in) from the owner after the opt-out lifts it for later sends.
       where not exists (
         select 1 from consent_events i where i.contact_id = s.contact_id and i.kind = 'opt_in' and i.occurred_at > o.at and i.occurred_at <= s.sent_at
       )
     ),
     confirmations as (
       -- F10: one confirmation, within 5 minutes of the opt-out; the first one per contact is the allowed one.
       select s.id, row_number() over (partition by s.contact_id order by s.sent_at, s.id) as k
       from sent s where s.purpose = 'opt_out_confirmation'
     ),
     judged as (
       select s.*,
              s.d_id is null as no_decision,
              s.d_id is not null and s.decision <> 'allow' as not_allowed,
              s.d_id is not null and (
                s.d_contact is distinct from s.contact_id
                or s.d_channel not in (s.channel, case when s.channel = 'voicemail' then 'voice' else s.channel end)
                or s.d_to is distinct from s.to_address
              ) as other_send,
              s.d_id is not null and (s.decided_at > s.sent_at or s.decided_at < s.sent_at - make_interval(secs => $2::float8 / 1000)) as stale,
              exists (
                select 1 from opted o where o.id = s.id
                and not (
                  s.purpose = 'opt_out_confirmation' and s.sent_at <= o.at + interval '5 minutes'
                  and exists (select 1 from confirmations k where k.id = s.id and k.k = 1)
                )
              ) as after_opt_out
       from sent s
     )
     select count(*)::int as checked,
            count(*) filter (where no_decision)::int as no_decision,
            count(*) filter (where not_allowed)::int as not_allowed,
            count(*) filter (where other_send)::int as other_send,
            count(*) filter (where stale)::int as stale,
            count(*) filter (where after_opt_out)::int as after_opt_out,
            count(*) filter (where no_decision or not_allowed or other_send or stale or after_opt_out)::int as violations
     from judged`,
    [o.locationId ?? null, freshMs],
  );
  const r = rows[0]!;
  return {
    sendsChecked: Number(r.checked),
    violations: Number(r.violations),
    byKind: {
      noDecision: Number(r.no_decision),
      notAllowed: Number(r.not_allowed),
      decisionForAnotherSend: Number(r.other_send),
      staleDecision: Number(r.stale),
      afterOptOut: Number(r.after_opt_out),
    },
  };
}
