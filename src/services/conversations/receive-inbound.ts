/**
 * The first, synchronous half of an inbound message (the webhook's part): de-duplicate by the provider's
 * message id, find or create the contact, store the message encrypted — and, in the SAME transaction, run
 * the opt-out detector and commit the opt-out. So a message is either not accepted at all (the provider
 * redelivers it) or accepted with its opt-out already stored, whatever happens to understanding,
 * decisions, replies or the job queue afterwards (ARCHITECTURE.md flow 6, COMPLIANCE.md F8/F4).
 *
 * When it decides with the message (the webhooks), that is two round trips: one read, the reading and
 * the decision in memory, one statement that stores everything (db/sql/conversations). A redelivery, a
 * sender proven by a signed reply address, or a failed statement take the step-by-step transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { insertInboundDecided } from '../../db/sql/conversations/insert-inbound-decided.js';
import { type InboundSender, selectInboundSenders } from '../../db/sql/conversations/select-inbound-senders.js';
import { communications, contactPoints, contacts, conversationStates, webhookEvents } from '../../db/schema/index.js';
import { detectKeywords, type KeywordDetection } from '../../domain/replies/opt-out.js';
import { decryptNullable, encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import type { ConversationSettings } from './conversation-settings.js';
import { decideInbound, type DecidedInbound, readInbound } from './decide-inbound.js';
import { type ConversationLine, loadConversation } from './load-conversation.js';

export interface InboundMessage {
  locationId: string;
  channel: 'sms' | 'email';
  /** twilio | email | imap — with providerMessageId, the de-duplication key. */
  provider: string;
  providerMessageId: string;
  /** E.164 phone (sms) or email address. */
  from: string;
  to: string | null;
  body: string;
  subject?: string | null;
  /** The contact, when the message proves it (a signed reply address). */
  contactId?: string | null;
  /** A display name from the message ("Jane Doe <jane@…>"), for a new lead. */
  fromName?: string | null;
}

export interface ReceivedInbound {
  duplicate: boolean;
  webhookEventId: string;
  /** Null only for a duplicate whose first delivery was never stored (cannot happen within one transaction). */
  communicationId: string | null;
  contactId: string | null;
  locationId: string;
  /** A new lead was created for an unknown sender. */
  createdContact: boolean;
  keywords: KeywordDetection | null;
  /** The opt-out was committed with the message. */
  optedOut: boolean;
  /** Status of the webhook event: received | processing | processed | failed. */
  status: string;
  /** The decision, when it was made with the message (see ReceiveInboundOptions.decide). */
  decided?: DecidedInbound | null;
}

export interface ReceiveInboundOptions {
  /**
   * Decide in the same transaction (a savepoint: a failure there never undoes the message or its
   * opt-out), so the decision exists when the webhook answers. Skipped — left to the job — when the
   * classifier is unsure and this model would be asked.
   */
  decide?: { settings: ConversationSettings; llm: LlmProvider | null };
  /** The sender as the webhook already read it (null: unknown in this location); read here when absent. */
  sender?: InboundSender | null;
  /** Test seam: a classifier that throws. */
  classify?: Parameters<typeof decideInbound>[1]['classify'];
}

type Tx = Parameters<Parameters<AppServices['db']['transaction']>[0]>[0];

const ownerNameOf = (m: InboundMessage) => m.fromName?.trim() || null;

async function findContactId(db: AppServices['db'] | Tx, m: InboundMessage): Promise<string | null> {
  if (m.contactId) {
    const [c] = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, m.contactId), eq(contacts.locationId, m.locationId))).limit(1);
    if (c) return c.id;
  }
  const kind = m.channel === 'email' ? 'email' : 'phone';
  const value = kind === 'email' ? m.from.toLowerCase() : m.from;
  const [p] = await db
    .select({ contactId: contactPoints.contactId })
    .from(contactPoints)
    .where(and(eq(contactPoints.locationId, m.locationId), eq(contactPoints.kind, kind), eq(contactPoints.value, value)))
    .limit(1);
  return p?.contactId ?? null;
}

type ReceiveDeps = Pick<AppServices, 'db' | 'clock' | 'keyRing' | 'logger'> & Partial<Pick<AppServices, 'database'>>;

/** Stores the message once; answers the stored event on a redelivery. */
export async function receiveInbound(services: ReceiveDeps, m: InboundMessage, o: ReceiveInboundOptions = {}): Promise<ReceivedInbound> {
  const now = services.clock.now();
  const keywords = detectKeywords(m.subject && m.channel === 'email' ? `${m.subject}. ${m.body}` : m.body);
  const kind = m.channel === 'email' ? 'email' : 'phone';
  const pointValue = kind === 'email' ? m.from.toLowerCase() : m.from;

  // The common case — decided with the message — in two round trips.
  if (o.decide && services.database && !m.contactId) {
    const fast = await receiveInOneStatement({ ...services, database: services.database }, m, { now, kind, pointValue, keywords, decide: o.decide, ...(o.sender !== undefined ? { sender: o.sender } : {}), ...(o.classify ? { classify: o.classify } : {}) });
    if (fast) return fast;
  }

  return services.db.transaction(async (tx) => {
    const [event] = await tx
      .insert(webhookEvents)
      .values({ id: newId(), provider: m.provider, eventId: m.providerMessageId, locationId: m.locationId, kind: `inbound_${m.channel}`, status: 'received', receivedAt: now })
      .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.eventId] })
      .returning({ id: webhookEvents.id });
    if (!event) {
      const [prior] = await tx.select().from(webhookEvents).where(and(eq(webhookEvents.provider, m.provider), eq(webhookEvents.eventId, m.providerMessageId))).limit(1);
      const [comm] = await tx
        .select({ id: communications.id, contactId: communications.contactId })
        .from(communications)
        .where(and(eq(communications.provider, m.provider), eq(communications.providerMessageId, m.providerMessageId), eq(communications.locationId, prior?.locationId ?? m.locationId)))
        .limit(1);
      return {
        duplicate: true,
        webhookEventId: prior!.id,
        communicationId: comm?.id ?? null,
        contactId: comm?.contactId ?? null,
        locationId: prior?.locationId ?? m.locationId,
        createdContact: false,
        keywords: null,
        optedOut: false,
        status: prior!.status,
      };
    }

    let contactId = await findContactId(tx, m);
    let createdContact = false;
    let optedOutBefore = false;
    if (contactId) {
      const [c] = await tx.select({ optOut: contacts.optOut }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
      optedOutBefore = c?.optOut ?? false;
    }
    if (!contactId) {
      // An unknown sender is a new lead (source inbound). The point's unique index settles a race with a
      // concurrent first message from the same sender: the loser's savepoint rolls back and it reads the winner.
      contactId = newId();
      const id = contactId;
      const inserted = await tx
        .transaction(async (sp) => {
          await sp.insert(contacts).values({
            id,
            locationId: m.locationId,
            ownerName: ownerNameOf(m),
            phone: kind === 'phone' ? pointValue : null,
            email: kind === 'email' ? pointValue : null,
            source: 'inbound',
            createdAt: now,
            updatedAt: now,
          });
          const point = await sp
            .insert(contactPoints)
            .values({ id: newId(), locationId: m.locationId, contactId: id, kind, value: pointValue, source: 'inbound', verified: true, createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .returning({ id: contactPoints.id });
          if (point.length === 0) sp.rollback();
          return true;
        })
        .catch(() => false);
      if (inserted) createdContact = true;
      else contactId = (await findContactId(tx, m))!;
    }

    const communicationId = newId();
    await tx.insert(communications).values({
      id: communicationId,
      locationId: m.locationId,
      contactId,
      direction: 'inbound',
      channel: m.channel,
      fromAddress: m.from,
      toAddress: m.to,
      subject: m.subject ?? null,
      bodyEnc: encrypt(services.keyRing, m.body),
      provider: m.provider,
      providerMessageId: m.providerMessageId,
      status: 'received',
      occurredAt: now,
      createdAt: now,
    });

    // Opt-out first: committed with the message itself, before anything that could fail runs.
    if (keywords.optOut) {
      await optOutContact({ ...services, db: tx as unknown as AppServices['db'] }, {
        locationId: m.locationId,
        contactId,
        source: m.channel === 'email' ? 'email_reply' : 'sms_reply',
        channel: m.channel,
        evidence: m.body,
      });
    }
    let decided: DecidedInbound | null = null;
    if (o.decide) {
      const decide = o.decide;
      const cid = contactId;
      const txDeps = { ...services, db: tx as unknown as AppServices['db'] };
      decided = await tx
        .transaction(async (sp) => {
          const spDeps = { ...txDeps, db: sp as unknown as AppServices['db'] };
          const [state] = await sp.select({ humanTakeover: conversationStates.humanTakeover }).from(conversationStates).where(eq(conversationStates.contactId, cid)).limit(1);
          const conversation = await loadConversation(spDeps, { locationId: m.locationId, contactId: cid });
          return decideInbound(spDeps, {
            comm: { id: communicationId, locationId: m.locationId, contactId: cid, channel: m.channel, subject: m.subject ?? null },
            body: m.body,
            contactOptedOutBefore: optedOutBefore,
            settings: decide.settings,
            humanTakeover: state?.humanTakeover ?? false,
            conversation,
            llm: null,
            deferToModel: decide.llm,
            ...(o.classify ? { classify: o.classify } : {}),
          });
        })
        .catch((e: unknown) => {
          // The job decides it instead; the message and its opt-out are kept.
          services.logger.warn({ err: e, communicationId }, 'deciding with the message failed; the job will decide');
          return null;
        });
    }
    return { duplicate: false, webhookEventId: event.id, communicationId, contactId, locationId: m.locationId, createdContact, keywords, optedOut: keywords.optOut, status: 'received', decided };
  });
}

/**
 * One read (the sender's contact, its opt-out and takeover flags, the conversation), the reading and the
 * decision in memory, then one statement that stores the event, the new lead if the sender is unknown,
 * the message, its opt-out and the decision together. Null on a redelivery or when
 * the statement failed: the transaction above then answers the stored event, or stores the message step
 * by step (settling a race for a new sender's point; its savepoint keeps a failing decision from undoing
 * the message).
 */
async function receiveInOneStatement(
  services: Pick<AppServices, 'db' | 'clock' | 'keyRing' | 'logger' | 'database'>,
  m: InboundMessage,
  c: { now: Date; kind: 'phone' | 'email'; pointValue: string; keywords: KeywordDetection; decide: NonNullable<ReceiveInboundOptions['decide']>; sender?: InboundSender | null; classify?: ReceiveInboundOptions['classify'] },
): Promise<ReceivedInbound | null> {
  const known = c.sender !== undefined ? c.sender : ((await selectInboundSenders(services.database, { kind: c.kind, value: c.pointValue })).find((r) => r.location.id === m.locationId)?.sender ?? null);
  const sender = known ?? { contactId: newId(), optOut: false, humanTakeover: false, conversation: [] };
  const communicationId = newId();
  const comm = { id: communicationId, locationId: m.locationId, contactId: sender.contactId, channel: m.channel, subject: m.subject ?? null };
  const conversation: ConversationLine[] = sender.conversation.map((l) => ({ id: l.id, direction: l.direction, channel: l.channel, body: decryptNullable(services.keyRing, l.bodyEnc) ?? '', at: l.at, author: l.author }));
  conversation.push({ id: communicationId, direction: 'inbound', channel: m.channel, body: m.body, at: c.now, author: null });
  const read = await readInbound(services, {
    comm,
    body: m.body,
    contactOptedOutBefore: sender.optOut,
    settings: c.decide.settings,
    humanTakeover: sender.humanTakeover,
    conversation,
    llm: null,
    deferToModel: c.decide.llm,
    ...(c.classify ? { classify: c.classify } : {}),
  }).catch((e: unknown) => {
    services.logger.warn({ err: e, communicationId }, 'deciding with the message failed; the job will decide');
    return null;
  });
  const decisionId = newId();
  const stored = await insertInboundDecided(services.database, {
    webhookEventId: newId(),
    provider: m.provider,
    providerMessageId: m.providerMessageId,
    locationId: m.locationId,
    contactId: sender.contactId,
    communicationId,
    channel: m.channel,
    from: m.from,
    to: m.to,
    subject: m.subject ?? null,
    bodyEnc: encrypt(services.keyRing, m.body),
    receivedAt: c.now,
    ...(c.keywords.optOut ? { optOut: { source: m.channel === 'email' ? 'email_reply' : 'sms_reply', evidenceEnc: encrypt(services.keyRing, m.body), consentEventId: newId(), leadStatusId: newId() } } : {}),
    ...(known ? {} : { newContact: { ownerName: ownerNameOf(m), pointId: newId(), kind: c.kind, pointValue: c.pointValue } }),
    ...(read
      ? {
          decision: {
            id: decisionId,
            action: read.decision.action,
            reasons: read.decision.reasons,
            inputs: read.inputs as unknown as Record<string, unknown>,
            sentiment: read.understanding.sentiment,
            intent: read.understanding.intent,
            intentConfidence: read.understanding.confidence,
            objection: read.understanding.objection,
            decidedAt: services.clock.now(),
          },
        }
      : {}),
  }).catch((e: unknown) => {
    services.logger.warn({ err: e, communicationId }, 'storing the message in one statement failed; storing it step by step');
    return null;
  });
  // A redelivery: the transaction above answers it from the stored event.
  if (!stored?.eventId) return null;
  return {
    duplicate: false,
    webhookEventId: stored.eventId,
    communicationId,
    contactId: sender.contactId,
    locationId: m.locationId,
    createdContact: !known,
    keywords: c.keywords,
    optedOut: c.keywords.optOut,
    status: 'received',
    decided: read && stored.decisionId ? { decisionId: stored.decisionId, decision: read.decision, inputs: read.inputs } : null,
  };
}
