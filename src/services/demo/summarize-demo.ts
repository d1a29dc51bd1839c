/**
 * The demo's result, read back from the database: the funnel from the analytics service (the same numbers
 * the dashboard shows), the compliance check, and counts of touches, approvals, opt-outs, blocks,
 * deferrals and cost.
 */
import type { AppServices } from '../app-services.js';
import { getOverview } from '../analytics/get-overview.js';
import { type ComplianceViolationReport, countComplianceViolations } from './count-compliance-violations.js';

export interface DemoSummary {
  funnel: { contacted: number; responded: number; interested: number; handoffs: number; deals: number };
  complianceViolations: number;
  complianceCheck: ComplianceViolationReport;
  touches: Record<string, number>;
  sentByChannel: Record<string, number>;
  /** The approval queue: touches a person clicked (and how many of those went out), skipped, or left waiting. */
  approvals: { approved: number; sent: number; skipped: number; stillWaiting: number };
  replies: { received: number; byIntent: Record<string, number>; autoReplies: number; personReplies: number };
  optOuts: number;
  /** `block` decisions: sends nobody may make, and the rules named in them. */
  blocked: number;
  blockedByRule: Record<string, number>;
  /** `review` decisions: automated sends routed to the approval queue, and the rules that asked for a person. */
  forApproval: number;
  forApprovalByRule: Record<string, number>;
  deferred: number;
  costUsd: number;
  profitUsd: number;
}

export async function summarizeDemo(services: Pick<AppServices, 'database'>, o: { locationId: string; from: Date; to: Date }): Promise<DemoSummary> {
  const db = services.database;
  const q = async <T>(text: string, more: unknown[] = []) => (await db.executeSql<T>(text, [o.locationId, ...more])).rows;
  const overview = await getOverview(services, { locationId: o.locationId, filter: { from: o.from, to: o.to } });
  const [handoffs] = await q<{ n: number }>('select count(*)::int as n from handoffs where location_id = $1');
  const touches = await q<{ status: string; n: number }>('select status, count(*)::int as n from touches where location_id = $1 group by status order by status');
  const byChannel = await q<{ channel: string; n: number }>('select channel, count(*)::int as n from touches where location_id = $1 and sent_at is not null group by channel order by channel');
  // Campaign touches only: a person's inbox reply is also a manual send, but it never waited in the queue.
  const [approvals] = await q<{ approved: number; sent: number; skipped: number; waiting: number }>(
    `select count(*) filter (where approved_by is not null)::int as approved,
            count(*) filter (where approved_by is not null and sent_at is not null)::int as sent,
            count(*) filter (where error_code = 'skipped_by_person')::int as skipped,
            count(*) filter (where status = 'awaiting_approval')::int as waiting
     from touches where location_id = $1 and campaign_id is not null`,
  );
  const intents = await q<{ intent: string | null; n: number }>(
    "select intent, count(*)::int as n from communications where location_id = $1 and direction = 'inbound' group by intent order by intent",
  );
  const [replyKinds] = await q<{ auto: number; person: number }>(
    `select count(*) filter (where campaign_id is null and author <> 'human' and sent_at is not null)::int as auto,
            count(*) filter (where author = 'human' and sent_at is not null)::int as person
     from touches where location_id = $1`,
  );
  const [optOuts] = await q<{ n: number }>('select count(*)::int as n from contacts where location_id = $1 and opt_out');
  const decisions = await q<{ decision: string; n: number }>('select decision, count(*)::int as n from compliance_decisions where location_id = $1 group by decision');
  const ruleCounts = (decision: string) =>
    q<{ rule: string; n: number }>(
      'select r as rule, count(*)::int as n from compliance_decisions, unnest(rules) as r where location_id = $1 and decision = $2 group by r order by n desc, r',
      [decision],
    );
  const blockedRules = await ruleCounts('block');
  const reviewRules = await ruleCounts('review');
  const decisionCount = (d: string) => Number(decisions.find((r) => r.decision === d)?.n ?? 0);
  const check = await countComplianceViolations(db, { locationId: o.locationId });
  return {
    funnel: { ...overview.funnel, handoffs: Number(handoffs?.n ?? 0) },
    complianceViolations: check.violations,
    complianceCheck: check,
    touches: Object.fromEntries(touches.map((r) => [r.status, Number(r.n)])),
    sentByChannel: Object.fromEntries(byChannel.map((r) => [r.channel, Number(r.n)])),
    approvals: {
      approved: Number(approvals?.approved ?? 0),
      sent: Number(approvals?.sent ?? 0),
      skipped: Number(approvals?.skipped ?? 0),
      stillWaiting: Number(approvals?.waiting ?? 0),
    },
    replies: {
      received: intents.reduce((s, r) => s + Number(r.n), 0),
      byIntent: Object.fromEntries(intents.map((r) => [r.intent ?? 'unclassified', Number(r.n)])),
      autoReplies: Number(replyKinds?.auto ?? 0),
      personReplies: Number(replyKinds?.person ?? 0),
    },
    optOuts: Number(optOuts?.n ?? 0),
    blocked: decisionCount('block'),
    blockedByRule: Object.fromEntries(blockedRules.map((r) => [r.rule, Number(r.n)])),
    forApproval: decisionCount('review'),
    forApprovalByRule: Object.fromEntries(reviewRules.map((r) => [r.rule, Number(r.n)])),
    deferred: decisionCount('defer'),
    costUsd: overview.costUsd,
    profitUsd: overview.profitUsd,
  };
}
