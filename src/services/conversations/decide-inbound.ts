/**
 * The deciding half of an inbound message: keywords, understanding, qualification, the decision engine —
 * and the decision row, with every input it read. Runs inside the webhook's transaction when the reply
 * can be read without the model (the common case: the decision exists when Twilio gets its answer), or
 * in the job when the classifier is unsure and a model is configured.
 */
import { eq } from 'drizzle-orm';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { communications, conversationDecisions, type contacts } from '../../db/schema/index.js';
import { decideReplyAction, type ReplyDecision } from '../../domain/replies/decide-reply-action.js';
import { detectKeywords, type KeywordDetection } from '../../domain/replies/opt-out.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import type { ConversationSettings } from './conversation-settings.js';
import type { ConversationLine } from './load-conversation.js';
import { computeQualification, type ComputedQualification } from './qualify-conversation.js';
import { understandReply, type ReplyUnderstanding } from './understand-reply.js';

/** What the act phase needs, stored in conversation_decisions.inputs. */
export interface DecisionInputs {
  intent: ReplyUnderstanding['intent'];
  confidence: number;
  intentSource: ReplyUnderstanding['source'];
  rule: string | null;
  sentiment: number;
  objection: ReplyUnderstanding['objection'];
  stopOutreach: boolean;
  keywords: { optOut: boolean; help: boolean; optIn: boolean; wrongNumber: boolean; legalThreat: boolean; matched: string | null; lookAlike: string | null };
  /** Opted out before this message (not by it). */
  optedOutBefore: boolean;
  humanTakeover: boolean;
  gate: ComputedQualification['gate'] | null;
  /** Facts with evidence and the FRS/PCS components (stored in `qualification` by the act phase). */
  facts: Record<string, unknown> | null;
  thresholds: { handoffSentiment: number; minConfidence: number; autoReply: boolean };
  channel: 'sms' | 'email';
  errors: string[];
}

export interface DecideInboundOptions {
  comm: Pick<typeof communications.$inferSelect, 'id' | 'locationId' | 'contactId' | 'channel' | 'subject'>;
  body: string;
  /** The contact as it was before this message (its opt-out flag says whether it was already opted out). */
  contactOptedOutBefore: boolean;
  settings: ConversationSettings;
  humanTakeover: boolean;
  /** The conversation so far, this message included (oldest first). */
  conversation: readonly ConversationLine[];
  /** The model for unsure replies; null = read with the classifier only. */
  llm: LlmProvider | null;
  /** Return null instead of deciding when the classifier is unsure and this model would be asked. */
  deferToModel?: LlmProvider | null;
  classify?: Parameters<typeof understandReply>[0]['classify'];
}

export interface DecidedInbound {
  decisionId: string;
  decision: ReplyDecision;
  inputs: DecisionInputs;
}

/** What the classifier, the gate and the engine make of a reply — before anything is written. */
export interface ReadInbound {
  understanding: ReplyUnderstanding;
  decision: ReplyDecision;
  inputs: DecisionInputs;
}

/**
 * The reading half of decideInbound: keywords, understanding, qualification and the engine, with no write
 * (the property's value is read only when a price was named). Null when the classifier is unsure and
 * `deferToModel` would be asked: the job decides it.
 */
export async function readInbound(services: Pick<AppServices, 'db'>, o: DecideInboundOptions): Promise<ReadInbound | null> {
  const channel = o.comm.channel === 'email' ? 'email' : 'sms';
  const keywords: KeywordDetection = detectKeywords(channel === 'email' && o.comm.subject ? `${o.comm.subject}. ${o.body}` : o.body);
  const errors: string[] = [];
  const history = o.conversation.filter((m) => m.id !== o.comm.id).map((m) => ({ direction: m.direction, text: m.body }));
  let understanding: ReplyUnderstanding;
  try {
    understanding = await understandReply({ text: o.body, keywords, minConfidence: o.settings.minConfidence, llm: o.llm, history, ...(o.classify ? { classify: o.classify } : {}) });
  } catch (e) {
    understanding = { intent: keywords.optOut ? 'opt_out' : 'unknown', confidence: 0, source: 'fallback', sentiment: 0, objection: null, stopOutreach: keywords.optOut, needsReview: true, rule: null, errors: [(e as Error).message] };
  }
  if (o.deferToModel && o.deferToModel.kind !== 'template' && understanding.needsReview && understanding.intent !== 'opt_out') return null;
  errors.push(...understanding.errors);

  let qualification: ComputedQualification | null = null;
  if (understanding.intent !== 'opt_out' && o.conversation.length > 0) {
    try {
      qualification = await computeQualification(services, { contactId: o.comm.contactId, conversation: o.conversation });
    } catch (e) {
      errors.push(`qualification: ${(e as Error).message}`);
    }
  }
  const decision = decideReplyAction({
    intent: understanding.intent,
    confidence: understanding.confidence,
    sentiment: understanding.sentiment,
    objection: understanding.objection,
    stopOutreach: understanding.stopOutreach,
    keywords,
    optedOut: o.contactOptedOutBefore,
    humanTakeover: o.humanTakeover,
    gate: qualification ? { passed: qualification.gate.passed, handoffTarget: qualification.gate.handoffTarget } : null,
    thresholds: { handoffSentiment: o.settings.handoffSentiment, minConfidence: o.settings.minConfidence },
  });
  const inputs: DecisionInputs = {
    intent: understanding.intent,
    confidence: understanding.confidence,
    intentSource: understanding.source,
    rule: understanding.rule,
    sentiment: understanding.sentiment,
    objection: understanding.objection,
    stopOutreach: understanding.stopOutreach,
    keywords: { optOut: keywords.optOut, help: keywords.help, optIn: keywords.optIn, wrongNumber: keywords.wrongNumber, legalThreat: keywords.legalThreat, matched: keywords.matched, lookAlike: keywords.lookAlike },
    optedOutBefore: o.contactOptedOutBefore,
    humanTakeover: o.humanTakeover,
    gate: qualification?.gate ?? null,
    facts: qualification?.facts ?? null,
    thresholds: { handoffSentiment: o.settings.handoffSentiment, minConfidence: o.settings.minConfidence, autoReply: o.settings.autoReply },
    channel,
    errors,
  };
  return { understanding, decision, inputs };
}

export async function decideInbound(services: Pick<AppServices, 'db' | 'clock'>, o: DecideInboundOptions): Promise<DecidedInbound | null> {
  const read = await readInbound(services, o);
  if (!read) return null;
  const { understanding, decision, inputs } = read;
  await services.db
    .update(communications)
    .set({ sentimentScore: understanding.sentiment, intent: understanding.intent, intentConfidence: understanding.confidence, objection: understanding.objection, status: 'read' })
    .where(eq(communications.id, o.comm.id));
  // Recorded before it is carried out, so a failure is seen against it. One per message.
  const id = newId();
  const [row] = await services.db
    .insert(conversationDecisions)
    .values({ id, locationId: o.comm.locationId, contactId: o.comm.contactId, communicationId: o.comm.id, action: decision.action, reasons: decision.reasons, inputs: inputs as unknown as Record<string, unknown>, decidedAt: services.clock.now() })
    .onConflictDoNothing()
    .returning({ id: conversationDecisions.id });
  if (!row) {
    const [prior] = await services.db.select().from(conversationDecisions).where(eq(conversationDecisions.communicationId, o.comm.id)).limit(1);
    return { decisionId: prior!.id, decision: { action: prior!.action as ReplyDecision['action'], reasons: prior!.reasons, stopOutreach: decision.stopOutreach }, inputs: prior!.inputs as unknown as DecisionInputs };
  }
  return { decisionId: id, decision, inputs };
}

export type ContactRow = typeof contacts.$inferSelect;
