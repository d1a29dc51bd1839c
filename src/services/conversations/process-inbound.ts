/**
 * The second half of an inbound message (the job's part; seed 003 SDRAgent.process_inbound_reply, seed
 * 000 Phase 4F): understand the reply, qualify the conversation, decide, record the decision with its
 * inputs, then act — opt-out confirmation, HELP answer, START, handoff, auto-reply or rebuttal, cold,
 * wrong number — and keep the conversation state and lead status in step.
 *
 * The opt-out itself was committed with the message (receiveInbound); nothing here can undo or delay it.
 * Each step that can fail is contained: a broken classifier gives `unknown`, a model failure keeps the
 * classifier's answer, a failed send is recorded on the decision. Running twice for one message is safe:
 * the decision row is unique per message and every send is keyed by the message id.
 */
import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import { communications, contacts, conversationDecisions, conversationStates, locations, objectionLogs, webhookEvents } from '../../db/schema/index.js';
import { decideReplyAction, type ReplyDecision } from '../../domain/replies/decide-reply-action.js';
import { detectKeywords } from '../../domain/replies/opt-out.js';
import type { ResponseTo } from '../../domain/messages/template.js';
import { decryptNullable, encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { recordConsent } from '../consent/record-consent.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { startHandoff } from '../handoff/start-handoff.js';
import { inboxUrlFor } from '../handoff/notify-handoff.js';
import { sendNotification } from '../notifications/send-notification.js';
import { sendMessageNow } from '../outreach/send-message-now.js';
import { stopOutreach } from '../outreach/stop-outreach.js';
import { bookingStep } from '../sdr/booking-step.js';
import { advanceLeadStatus } from './advance-lead-status.js';
import { conversationLlm } from './conversation-llm.js';
import { conversationSettingsFor } from './conversation-settings.js';
import { decideInbound, type DecidedInbound, type DecisionInputs } from './decide-inbound.js';
import { storeQualification } from './qualify-conversation.js';
import { loadConversation } from './load-conversation.js';
import { sendAutoReply } from './send-auto-reply.js';
import { suppressWrongNumber } from './suppress-wrong-number.js';
import type { understandReply } from './understand-reply.js';
import { updateConversationState } from './update-conversation-state.js';

export interface ProcessInboundOptions {
  communicationId: string;
  /** The webhook event to mark processed (and to claim, so two runners never work one message at once). */
  webhookEventId?: string | null;
  /** Test seam: a classifier that throws, to prove the opt-out does not depend on it. */
  classify?: Parameters<typeof understandReply>[0]['classify'];
}

export interface ProcessInboundResult {
  /** skipped: another runner has it, or it was already processed. */
  status: 'processed' | 'skipped';
  decisionId?: string;
  action?: ReplyDecision['action'];
  outcome?: Record<string, unknown>;
}

/** How long a `processing` claim holds before another runner may take the message over (a crashed runner). */
export const PROCESSING_LEASE_MS = 120_000;

const STATE_AFTER: Record<ReplyDecision['action'], string | undefined> = {
  opt_out: 'opted_out',
  help: undefined,
  opt_in: 'engaged',
  wrong_number: 'wrong_number',
  handoff: 'handed_off',
  mark_cold: 'cold',
  rebuttal: 'engaged',
  auto_reply: 'engaged',
  notify_human: undefined,
  none: 'engaged',
};

/** One conditional update: not processed, and not held by another runner within its lease. */
async function claim(services: AppServices, webhookEventId: string): Promise<boolean> {
  const now = services.clock.now();
  const leaseStart = new Date(now.getTime() - PROCESSING_LEASE_MS);
  const claimed = await services.db
    .update(webhookEvents)
    .set({ status: 'processing', processedAt: now, error: null })
    .where(
      and(
        eq(webhookEvents.id, webhookEventId),
        ne(webhookEvents.status, 'processed'),
        // `processedAt` doubles as the claim time while `processing`.
        or(ne(webhookEvents.status, 'processing'), isNull(webhookEvents.processedAt), lt(webhookEvents.processedAt, leaseStart)),
      ),
    )
    .returning({ id: webhookEvents.id });
  return claimed.length === 1;
}

async function finish(services: AppServices, webhookEventId: string | null | undefined, error?: string): Promise<void> {
  if (!webhookEventId) return;
  await services.db
    .update(webhookEvents)
    .set(error ? { status: 'failed', error: error.slice(0, 1000) } : { status: 'processed', processedAt: services.clock.now(), error: null })
    .where(eq(webhookEvents.id, webhookEventId));
}

export async function processInbound(services: AppServices, o: ProcessInboundOptions): Promise<ProcessInboundResult> {
  if (o.webhookEventId && !(await claim(services, o.webhookEventId))) return { status: 'skipped' };
  try {
    const r = await run(services, o);
    await finish(services, o.webhookEventId);
    return r;
  } catch (e) {
    await finish(services, o.webhookEventId, (e as Error).message);
    throw e;
  }
}

async function run(services: AppServices, o: ProcessInboundOptions): Promise<ProcessInboundResult> {
  // One statement: the message, its decision (if the webhook made it), the contact, the location and the
  // conversation state.
  const [found] = await services.db
    .select({ comm: communications, existing: conversationDecisions, contact: contacts, location: locations, state: conversationStates })
    .from(communications)
    .leftJoin(conversationDecisions, eq(conversationDecisions.communicationId, communications.id))
    .leftJoin(contacts, eq(contacts.id, communications.contactId))
    .leftJoin(locations, eq(locations.id, communications.locationId))
    .leftJoin(conversationStates, eq(conversationStates.contactId, communications.contactId))
    .where(eq(communications.id, o.communicationId))
    .limit(1);
  const comm = found?.comm;
  if (!comm || comm.direction !== 'inbound') return { status: 'skipped' };
  const existing = found.existing;
  if (existing?.completedAt) return { status: 'skipped', decisionId: existing.id, action: existing.action as ReplyDecision['action'] };

  const { locationId, contactId } = comm;
  const body = decryptNullable(services.keyRing, comm.bodyEnc) ?? '';
  const channel = comm.channel === 'email' ? 'email' : 'sms';
  const { contact, location, state } = found;
  if (!contact || !location) return { status: 'skipped' };
  const settings = conversationSettingsFor(location.settings, services.config);

  let decided: DecidedInbound;
  if (existing) {
    // Decided in the webhook: carry it out.
    const inputs = existing.inputs as unknown as DecisionInputs;
    decided = { decisionId: existing.id, inputs, decision: { action: existing.action as ReplyDecision['action'], reasons: existing.reasons, stopOutreach: stopOf(inputs) } };
  } else {
    const keywords = detectKeywords(channel === 'email' && comm.subject ? `${comm.subject}. ${body}` : body);
    // Belt and braces: receiveInbound commits the opt-out with the message; a message stored some other
    // way (an import, a replay) gets it here, still before anything else.
    if (keywords.optOut && !contact.optOut) {
      await optOutContact(services, { locationId, contactId, source: channel === 'email' ? 'email_reply' : 'sms_reply', channel, evidence: body });
    }
    const conversation = await loadConversation(services, { locationId, contactId }).catch(() => []);
    const d = await decideInbound(services, {
      comm,
      body,
      // Whether it was opted out before THIS message: an opt-out stored with it does not count.
      contactOptedOutBefore: contact.optOut && !keywords.optOut,
      settings,
      humanTakeover: state?.humanTakeover ?? false,
      conversation,
      llm: conversationLlm(services),
      ...(o.classify ? { classify: o.classify } : {}),
    });
    decided = d!;
  }
  const { decision, inputs } = decided;

  const outcome = await act(services, { decision, inputs, comm, body, channel, settings, location, contact });
  if (inputs.gate && inputs.facts) {
    await storeQualification(services, { locationId, contactId, q: { gate: inputs.gate, facts: inputs.facts } }).catch((e: unknown) => {
      outcome.qualificationError = (e as Error).message;
    });
  }

  // Seed 003 Phase 3: offer slots to a qualified owner, or book the one their reply picks.
  await bookingStep(services, { decision, inputs, comm, body, channel, location, contact }).then(
    (b) => {
      if (b) outcome.booking = b;
    },
    (e: unknown) => {
      outcome.bookingError = (e as Error).message;
    },
  );

  const now = services.clock.now();
  const errors: string[] = [];
  await updateConversationState(services, {
    locationId,
    contactId,
    ...(STATE_AFTER[decision.action] ? { state: STATE_AFTER[decision.action]! } : {}),
    inboundAt: comm.occurredAt,
    entry: { communicationId: comm.id, direction: 'inbound', at: comm.occurredAt.toISOString(), intent: inputs.intent, sentiment: inputs.sentiment, objection: inputs.objection, action: decision.action },
    ...(typeof outcome.communicationId === 'string' ? { outboundAt: now } : {}),
  }).catch((e: unknown) => errors.push(`state: ${(e as Error).message}`));
  await services.db.update(conversationDecisions).set({ outcome: { ...outcome, ...(errors.length ? { errors } : {}) }, completedAt: now }).where(eq(conversationDecisions.id, decided.decisionId));
  return { status: 'processed', decisionId: decided.decisionId, action: decision.action, outcome };
}

/** The cadence stop that goes with a recorded decision (the engine is pure: same inputs, same answer). */
function stopOf(inputs: DecisionInputs): ReplyDecision['stopOutreach'] {
  return decideReplyAction({
    intent: inputs.intent,
    confidence: inputs.confidence,
    sentiment: inputs.sentiment,
    objection: inputs.objection,
    stopOutreach: inputs.stopOutreach,
    keywords: inputs.keywords,
    optedOut: inputs.optedOutBefore,
    humanTakeover: inputs.humanTakeover,
    gate: inputs.gate ? { passed: inputs.gate.passed, handoffTarget: inputs.gate.handoffTarget } : null,
    thresholds: inputs.thresholds,
  }).stopOutreach;
}

interface ActContext {
  decision: ReplyDecision;
  inputs: DecisionInputs;
  comm: typeof communications.$inferSelect;
  body: string;
  channel: 'sms' | 'email';
  settings: ReturnType<typeof conversationSettingsFor>;
  location: typeof locations.$inferSelect;
  contact: typeof contacts.$inferSelect;
}

const RESPONSE_TO: Partial<Record<string, ResponseTo>> = { price: 'price', timing: 'timing', already_listed: 'already_listed', info_request: 'info_request' };

/** Carries the decision out. Failures are caught and returned in the outcome: the decision stays recorded. */
async function act(services: AppServices, c: ActContext): Promise<Record<string, unknown>> {
  const { decision, comm, inputs } = c;
  const { locationId, contactId } = comm;
  const out: Record<string, unknown> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    try {
      const v = await fn();
      if (v !== undefined) out[name] = v;
    } catch (e) {
      out[`${name}Error`] = (e as Error).message;
      services.logger.warn({ err: e, communicationId: comm.id, step: name }, 'conversation step failed');
    }
  };
  const business = c.location.businessName;

  if (decision.stopOutreach && decision.action !== 'handoff' && decision.action !== 'opt_out') {
    // wrong_number stops only when the owner has no other number left (decided below).
    if (decision.stopOutreach !== 'wrong_number') await step('stopped', () => stopOutreach(services, { locationId, contactId, reason: decision.stopOutreach as 'reply' | 'not_interested' }));
  }
  if (decision.action !== 'opt_out' && decision.action !== 'help' && !c.contact.optOut) {
    await step('leadStatus', async () => {
      await advanceLeadStatus(services, { locationId, contactId, status: decision.action === 'mark_cold' ? 'cold' : 'replied' });
      return decision.action === 'mark_cold' ? 'cold' : 'replied';
    });
  }

  switch (decision.action) {
    case 'opt_out': {
      // Committed already (or now, if the model read an opt-out the keywords missed).
      await step('optOut', async () => {
        if (inputs.keywords.optOut) return 'stored_with_message';
        await optOutContact(services, { locationId, contactId, source: c.channel === 'email' ? 'email_reply' : 'sms_reply', channel: c.channel, evidence: c.body });
        return 'stored';
      });
      await step('stopped', () => stopOutreach(services, { locationId, contactId, reason: 'opt_out' }));
      if (inputs.keywords.legalThreat) {
        await step('alert', () =>
          raiseAlert(services, { locationId, kind: 'legal_threat', severity: 'critical', message: 'a reply mentions a lawyer or lawsuit: opted out; review the conversation', dedupeKey: `legal_threat:${comm.id}`, details: { contactId, communicationId: comm.id } }),
        );
      }
      // F10: one confirmation, by text, within 5 minutes, no marketing. Not for a contact already opted out.
      if (c.channel === 'sms' && !inputs.optedOutBefore) {
        await step('confirmation', async () => {
          const r = await sendMessageNow(services, {
            locationId,
            contactId,
            channel: 'sms',
            body: `${business}: you're unsubscribed and will get no more messages from us. Reply START to resubscribe.`,
            purpose: 'opt_out_confirmation',
            initiation: 'automated',
            author: 'system',
            to: comm.fromAddress,
            idempotencyKey: `opt-out-confirmation:${comm.id}`,
          });
          return { status: r.status, touchId: r.touchId, decisionId: r.decisionId, ...(r.communicationId ? { communicationId: r.communicationId } : {}) };
        });
      }
      break;
    }
    case 'help': {
      const contactLine = [c.location.phone, c.location.email].filter(Boolean).join(' or ');
      await step('help', async () => {
        const r = await sendMessageNow(services, {
          locationId,
          contactId,
          channel: c.channel,
          body: `${business}${c.location.agentName ? ` (${c.location.agentName})` : ''}: we buy houses locally and wrote to you about your property.${contactLine ? ` Questions: ${contactLine}.` : ''} Reply STOP to opt out.`,
          ...(c.channel === 'email' ? { subject: `Re: ${comm.subject ?? 'your message'}` } : {}),
          purpose: 'help',
          initiation: 'automated',
          author: 'system',
          to: comm.fromAddress,
          idempotencyKey: `help:${comm.id}`,
        });
        return { status: r.status, touchId: r.touchId, decisionId: r.decisionId };
      });
      break;
    }
    case 'opt_in': {
      await step('optIn', async () => {
        const e = await recordConsent(services, { locationId, contactId, input: { kind: 'opt_in', channel: 'sms', source: 'sms_reply', ...(comm.fromAddress && c.channel === 'sms' ? { address: comm.fromAddress } : {}) } });
        return { consentEventId: e.id };
      });
      break;
    }
    case 'wrong_number': {
      if (c.channel === 'sms' && comm.fromAddress) {
        await step('wrongNumber', async () => {
          const r = await suppressWrongNumber(services, { locationId, contactId, phone: comm.fromAddress! });
          // Continue with the owner's other numbers; nothing left → the cadence ends.
          if (r.otherPhones.length === 0) await stopOutreach(services, { locationId, contactId, reason: 'wrong_number' });
          return { suppressed: comm.fromAddress, otherPhones: r.otherPhones.length, primaryPhone: r.primaryPhone };
        });
      } else {
        await step('stopped', () => stopOutreach(services, { locationId, contactId, reason: 'wrong_number' }));
      }
      break;
    }
    case 'handoff': {
      await step('handoff', async () => {
        const h = await startHandoff(services, { locationId, contactId, reason: decision.reasons.join('; ') });
        return { handoffId: h.handoffId, created: h.created, notified: h.notified ? { sms: h.notified.sms?.status ?? null, email: h.notified.email?.status ?? null } : null };
      });
      break;
    }
    case 'notify_human': {
      const to = [c.settings.notifySmsTo ? ['sms', c.settings.notifySmsTo] : null, c.settings.notifyEmailTo ? ['email', c.settings.notifyEmailTo] : null].filter(Boolean) as Array<['sms' | 'email', string]>;
      const name = c.contact.ownerName ?? c.contact.phone ?? c.contact.email ?? 'an owner';
      const text = `New reply from ${name} (you have this conversation): "${c.body.replace(/\s+/g, ' ').slice(0, 300)}"\n${inboxUrlFor(services, contactId)}`;
      for (const [channel, address] of to) {
        await step(`notify_${channel}`, async () => (await sendNotification(services, { locationId, kind: 'inbound_during_takeover', channel, to: address, subject: `New reply from ${name}`, body: text, dedupeKey: `inbound:${comm.id}:${channel}` })).status);
      }
      break;
    }
    case 'auto_reply':
    case 'rebuttal': {
      if (!c.settings.autoReply) {
        out.autoReply = 'disabled in settings.conversations.autoReply';
        break;
      }
      const responseTo: ResponseTo = decision.action === 'auto_reply' ? (inputs.objection === 'info_request' ? 'info_request' : 'question') : (RESPONSE_TO[inputs.objection ?? ''] ?? 'question');
      await step('reply', async () => {
        const r = await sendAutoReply(services, {
          locationId,
          contactId,
          communicationId: comm.id,
          channel: c.channel,
          replyTo: comm.fromAddress ?? '',
          responseTo,
          // An answer about who we are informs; a rebuttal keeps selling and is held to the marketing rules.
          purpose: responseTo === 'question' || responseTo === 'info_request' ? 'informational' : 'marketing',
          inboundSubject: comm.subject,
        });
        if (!r.sent) return { sent: false, reason: r.reason, ...(r.send ? { touchId: r.send.touchId, decisionId: r.send.decisionId } : {}) };
        return { sent: true, status: r.send.status, author: r.author, touchId: r.send.touchId, decisionId: r.send.decisionId, ...(r.send.communicationId ? { communicationId: r.send.communicationId } : {}) };
      });
      if (decision.action === 'rebuttal' && inputs.objection) {
        const reply = out.reply as { sent?: boolean } | undefined;
        await step('objectionLog', async () => {
          await services.db.insert(objectionLogs).values({
            id: newId(),
            locationId,
            contactId,
            communicationId: comm.id,
            objectionType: inputs.objection!,
            rawMessageEnc: encrypt(services.keyRing, c.body),
            rebuttalUsed: reply?.sent ? `response.${responseTo}` : null,
            outcome: reply?.sent ? 'rebutted' : 'not_sent',
            createdAt: services.clock.now(),
          });
          return undefined;
        });
      }
      break;
    }
    case 'mark_cold':
    case 'none':
      break;
  }
  // Lift the reply's communication id to the top so the state update can stamp the outbound time.
  const replyComm = (out.reply as { communicationId?: string } | undefined)?.communicationId ?? (out.confirmation as { communicationId?: string } | undefined)?.communicationId;
  if (replyComm) out.communicationId = replyComm;
  // A refusal's objection is logged too (seed 003 objection analytics), without a rebuttal.
  if (decision.action === 'mark_cold' && inputs.objection) {
    await step('objectionLog', async () => {
      await services.db.insert(objectionLogs).values({ id: newId(), locationId, contactId, communicationId: comm.id, objectionType: inputs.objection!, rawMessageEnc: encrypt(services.keyRing, c.body), rebuttalUsed: null, outcome: 'cold', createdAt: services.clock.now() });
      return undefined;
    });
  }
  return out;
}
