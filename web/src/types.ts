export interface Overview {
  range: { from: string; to: string };
  messagesSent: number;
  repliesReceived: number;
  interestedReplies: number;
  responseRate: number;
  interestRate: number;
  conversionRate: number;
  leadResponseRate: number;
  funnel: { contacted: number; responded: number; interested: number; deals: number };
  optOuts: number;
  optOutRate: number;
  timeToResponseHours: { average: number | null; median: number | null };
  campaignCompletion: { started: number; completed: number; rate: number };
  costUsd: number;
  costPerContactedLead: number | null;
  dealsClosed: number;
  profitUsd: number;
}

export interface BreakdownRow {
  key: string | null;
  label: string;
  sent: number;
  contacted: number;
  responded: number;
  interested: number;
  optedOut: number;
  touchReplies: number;
  responseRate: number;
  touchReplyRate: number;
  interestRate: number;
  conversionRate: number;
  optOutRate: number;
  deals: number;
  costUsd: number;
}
export interface Breakdown {
  by: string;
  rows: BreakdownRow[];
}
export interface Timeseries {
  points: Array<{ day: string; sent: number; replies: number; interested: number; optOuts: number }>;
}

export interface Campaign {
  id: string;
  name: string;
  type: string;
  status: string;
  targetTiers: string[];
  targetMarkets: string[];
  steps: Array<{ id: string; position: number; name: string; channel: string; delayMinutes: number; templateKey: string | null; variantWeights: Record<string, number> }>;
  metrics?: Record<string, number>;
  createdAt: string;
}

export interface SequenceStats {
  sequences: Array<{
    campaignId: string;
    name: string;
    status: string;
    enrolled: number;
    active: number;
    completed: number;
    optedOut: number;
    handedOff: number;
    completionRate: number;
    sent: number;
    contacted: number;
    responded: number;
    interested: number;
    deals: number;
    responseRate: number;
    conversionRate: number;
    costUsd: number;
  }>;
}

export interface AbTest {
  id: string;
  campaignId: string;
  step: number;
  name: string;
  variants: string[];
  metric: string;
  status: string;
  winner: string | null;
}
export interface AbTestResults extends AbTest {
  results: Array<{ variant: string; weight: number | null; leads: number; sent: number; replied: number; interested: number; optedOut: number; replyRate: number; interestRate: number; optOutRate: number; costUsd: number; vsLeader: { test: string; pValue: number } | null }>;
  leader: string | null;
  suggestedWinner: string | null;
  significant: boolean;
  reason: string;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: string;
  body: string | null;
  subject?: string | null;
  sentimentScore: number | null;
  intent: string | null;
  intentConfidence?: number | null;
  objection: string | null;
  author: string | null;
  status: string | null;
  occurredAt: string;
}
