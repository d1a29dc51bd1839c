import { z } from 'zod';

/** Query filters shared by every analytics endpoint. `from`/`to` default to the last 30 days. */
export const AnalyticsFilterSchema = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('start of the range (inclusive); default 30 days before `to`'),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('end of the range (exclusive); default now'),
  campaign: z.string().uuid().optional(),
  market: z.string().trim().min(1).max(64).optional().describe('market key'),
  tier: z.string().trim().min(1).max(8).optional(),
  template: z.string().trim().min(1).max(120).optional().describe('template key'),
  variant: z.string().trim().min(1).max(16).optional(),
  channel: z.enum(['sms', 'email', 'voicemail']).optional(),
});
export type AnalyticsFilterQuery = z.infer<typeof AnalyticsFilterSchema>;

/** The filters of the rolling windows (the window is the range). */
export const RollingFilterSchema = AnalyticsFilterSchema.omit({ from: true, to: true });

/** Filters with the range resolved. */
export interface AnalyticsFilter {
  from: Date;
  to: Date;
  campaign?: string | undefined;
  market?: string | undefined;
  tier?: string | undefined;
  template?: string | undefined;
  variant?: string | undefined;
  channel?: 'sms' | 'email' | 'voicemail' | undefined;
}

const RangeSchema = z.object({ from: z.string(), to: z.string() });

export const FunnelSchema = z.object({
  contacted: z.number().int(),
  responded: z.number().int(),
  interested: z.number().int(),
  deals: z.number().int(),
});

export const OverviewSchema = z.object({
  range: RangeSchema,
  messagesSent: z.number().int().describe('outbound touches sent or delivered in the range'),
  repliesReceived: z.number().int().describe('inbound messages from contacted leads after their first touch in the range'),
  interestedReplies: z.number().int(),
  responseRate: z.number().describe('seed 000: inbound messages / outbound messages'),
  interestRate: z.number().describe('seed 000: interested responses / total responses'),
  conversionRate: z.number().describe('seed 000: deals closed / leads contacted'),
  leadResponseRate: z.number().describe('leads who replied / leads contacted'),
  funnel: FunnelSchema,
  optOuts: z.number().int().describe('contacted leads who opted out'),
  optOutRate: z.number(),
  timeToResponseHours: z.object({ average: z.number().nullable(), median: z.number().nullable() }),
  campaignCompletion: z.object({ started: z.number().int(), completed: z.number().int(), rate: z.number() }),
  costUsd: z.number(),
  costPerContactedLead: z.number().nullable(),
  dealsClosed: z.number().int(),
  profitUsd: z.number(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const BreakdownDimensionSchema = z.enum(['channel', 'campaign', 'step', 'template', 'variant', 'market', 'tier']);
export type BreakdownDimension = z.infer<typeof BreakdownDimensionSchema>;

export const BreakdownRowSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  sent: z.number().int(),
  contacted: z.number().int(),
  responded: z.number().int().describe('leads who replied after their first touch in this group'),
  interested: z.number().int(),
  optedOut: z.number().int(),
  deals: z.number().int().describe('leads with a deal closed after their first touch in this group'),
  touchReplies: z.number().int().describe('touches answered before the next touch to the same lead (last-touch attribution)'),
  responseRate: z.number().describe('responded / contacted'),
  touchReplyRate: z.number().describe('touchReplies / sent'),
  interestRate: z.number().describe('interested / responded'),
  conversionRate: z.number().describe('deals / contacted'),
  optOutRate: z.number(),
  costUsd: z.number(),
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;
export const BreakdownSchema = z.object({ range: RangeSchema, by: BreakdownDimensionSchema, rows: z.array(BreakdownRowSchema) });
export type Breakdown = z.infer<typeof BreakdownSchema>;

export const TimeseriesSchema = z.object({
  range: RangeSchema,
  points: z.array(z.object({ day: z.string(), sent: z.number().int(), replies: z.number().int(), interested: z.number().int(), optOuts: z.number().int() })),
});
export type Timeseries = z.infer<typeof TimeseriesSchema>;

export const ObjectionStatsSchema = z.object({
  range: RangeSchema,
  total: z.number().int(),
  types: z.array(
    z.object({
      type: z.string(),
      count: z.number().int(),
      share: z.number(),
      outcomes: z.record(z.string(), z.number().int()),
      rebuttals: z.array(z.object({ rebuttal: z.string(), count: z.number().int() })),
    }),
  ),
});
export type ObjectionStats = z.infer<typeof ObjectionStatsSchema>;

export const WindowSchema = z.object({
  window: z.enum(['1h', '24h', '7d']),
  from: z.string(),
  to: z.string(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  replies: z.number().int(),
  interested: z.number().int(),
  optOuts: z.number().int(),
  handoffs: z.number().int(),
  blocked: z.number().int().describe('compliance blocks'),
  responseRate: z.number().describe('replies received in the window / messages sent in the window: activity, not a cohort (can exceed 1)'),
});
export const RollingSchema = z.object({ at: z.string(), windows: z.array(WindowSchema) });
export type Rolling = z.infer<typeof RollingSchema>;

export const PipelineQuerySchema = z.object({ market: z.string().trim().min(1).max(64).optional(), tier: z.string().trim().min(1).max(8).optional() });
export const PipelineSchema = z.object({
  total: z.number().int(),
  statuses: z.array(z.object({ status: z.string(), count: z.number().int() })),
  tiers: z.array(z.object({ tier: z.string().nullable(), count: z.number().int() })),
  markets: z.array(z.object({ market: z.string().nullable(), count: z.number().int() })),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

export const ComplianceSummarySchema = z.object({
  range: RangeSchema,
  decisions: z.object({
    allow: z.number().int(),
    defer: z.number().int(),
    block: z.number().int(),
    review: z.number().int().describe('automated sends held for a person (the approval queue): not blocks'),
  }),
  topBlockRules: z.array(z.object({ rule: z.string(), count: z.number().int() })),
  lists: z.array(z.object({ list: z.string(), state: z.string(), listDate: z.string(), entries: z.number().int().nullable(), ageDays: z.number().int() })),
  optOuts: z.object({ total: z.number().int(), inRange: z.number().int(), recent: z.array(z.object({ contactId: z.string(), name: z.string().nullable(), optedOutAt: z.string() })).describe('opt-outs in the range, newest first (at most 500)') }),
});
export type ComplianceSummary = z.infer<typeof ComplianceSummarySchema>;
