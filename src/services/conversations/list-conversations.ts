/**
 * The inbox: one row per conversation (a contact with a conversation state — everyone who replied, was
 * handed off or taken over), newest activity first, with the last message's preview and the last reply's
 * intent and sentiment. Keyset cursor on (last activity, contact id).
 */
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { decryptNullable } from '../../lib/crypto.js';
import type { AppServices } from '../app-services.js';
import type { ConversationListQuery, ConversationSummary } from './conversation-schemas.js';

interface Row {
  contact_id: string;
  owner_name: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  human_takeover: boolean;
  lead_status: string;
  activity_at: Date | string;
  last_at: Date | string | null;
  last_body: string | null;
  last_intent: string | null;
  last_sentiment: number | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export async function listConversations(services: Pick<AppServices, 'database' | 'keyRing'>, o: { locationId: string; query: ConversationListQuery }): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const params: unknown[] = [o.locationId];
  const where: string[] = ['cs.location_id = $1'];
  if (o.query.takeover !== undefined) {
    params.push(o.query.takeover);
    where.push(`cs.human_takeover = $${params.length}`);
  }
  if (o.query.cursor) {
    const c = decodeCursor(o.query.cursor);
    params.push(c.at.toISOString(), c.id);
    where.push(`(coalesce(m.occurred_at, cs.updated_at), cs.contact_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(o.query.limit + 1);
  const { rows } = await services.database.executeSql<Row>(
    `select cs.contact_id, c.owner_name, c.first_name, c.last_name, c.phone, c.email, cs.human_takeover,
            coalesce(ls.status, 'new') as lead_status,
            coalesce(m.occurred_at, cs.updated_at) as activity_at,
            m.occurred_at as last_at, m.body_enc as last_body, li.intent as last_intent, li.sentiment_score as last_sentiment
       from conversation_states cs
       join contacts c on c.id = cs.contact_id
       left join lead_statuses ls on ls.contact_id = cs.contact_id
       left join lateral (select occurred_at, body_enc from communications x where x.contact_id = cs.contact_id order by x.occurred_at desc, x.id desc limit 1) m on true
       left join lateral (select intent, sentiment_score from communications y where y.contact_id = cs.contact_id and y.direction = 'inbound' order by y.occurred_at desc, y.id desc limit 1) li on true
      where ${where.join(' and ')}
      order by activity_at desc, cs.contact_id desc
      limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, o.query.limit);
  const items = page.map((r) => {
    const body = decryptNullable(services.keyRing, r.last_body);
    const name = r.owner_name ?? ([r.first_name, r.last_name].filter(Boolean).join(' ') || r.phone || r.email);
    return {
      contactId: r.contact_id,
      contactName: name ?? null,
      lastMessageAt: iso(r.last_at),
      lastMessagePreview: body === null ? null : body.replace(/\s+/g, ' ').slice(0, 140),
      lastIntent: r.last_intent,
      lastSentiment: r.last_sentiment === null ? null : Number(r.last_sentiment),
      humanTakeover: r.human_takeover,
      leadStatus: r.lead_status as ConversationSummary['leadStatus'],
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > o.query.limit && last ? encodeCursor(new Date(iso(last.activity_at)!), last.contact_id) : null };
}
