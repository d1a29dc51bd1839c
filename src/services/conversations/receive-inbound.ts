/**
 * The first, synchronous half of an inbound message (the webhook's part): de-duplicate by the provider's
 * message id, find or create the contact, store the message encrypted — and, in the SAME transaction, run
 * the opt-out detector and commit the opt-out. So a message is either not accepted at all (the provider
 * redelivers it) or accepted with its opt-out already stored, whatever happens to understanding,
 * decisions, replies or the job queue afterwards (ARCHITECTURE.md flow 6, COMPLIANCE.md F8/F4).
 */
import { and, eq } from 'drizzle-orm';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { communications, contactPoints, contacts, conversationStates, webhookEvents } from '../../db/schema/index.js';
import { detectKeywords, type KeywordDetection } from '../../domain/replies/opt-out.js';
import { encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import type { ConversationSettings } from './conversation-settings.js';
import { decideInbound, type DecidedInbound } from './decide-inbound.js';
import { loadConversation } from './load-conversation.js';

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

/** Stores the message once; answers the stored event on a redelivery. */
export async function receiveInbound(services: Pick<AppServices, 'db' | 'clock' | 'keyRing' | 'logger'>, m: InboundMessage, o: ReceiveInboundOptions = {}): Promise<ReceivedInbound> {
  const now = services.clock.now();
  const keywords = detectKeywords(m.subject && m.channel === 'email' ? `${m.subject}. ${m.body}` : m.body);
  const kind = m.channel === 'email' ? 'email' : 'phone';
  const pointValue = kind === 'email' ? m.from.toLowerCase() : m.from;

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
