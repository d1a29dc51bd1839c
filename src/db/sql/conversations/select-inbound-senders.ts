/**
 * The webhook's one read: every location with its settings (which one the text is for is decided from
 * them) and, in each, the contact behind the sender's address (the point's unique index), whether it was
 * already opted out, whether a person has taken the conversation over, and the conversation so far
 * (oldest first, at most 500 messages, bodies still encrypted) — one round trip, a named prepared
 * statement on PostgreSQL. Reviewed hot path (`npm run bench -- conversations`).
 */
import type { Database } from '../../client.js';

export interface InboundSender {
  contactId: string;
  optOut: boolean;
  humanTakeover: boolean;
  conversation: Array<{ id: string; direction: 'inbound' | 'outbound'; channel: string; bodyEnc: string | null; at: Date; author: string | null }>;
}

export interface LocationWithSender {
  location: { id: string; settings: Record<string, unknown> };
  /** Null: the address is not a contact of this location. */
  sender: InboundSender | null;
}

interface Row {
  location_id: string;
  settings: Record<string, unknown>;
  contact_id: string | null;
  opt_out: boolean | null;
  human_takeover: boolean | null;
  conversation: Array<{ id: string; direction: 'inbound' | 'outbound'; channel: string; body_enc: string | null; at: string; author: string | null }> | string | null;
}

const TEXT = `
select l.id as location_id, l.settings, s.contact_id, s.opt_out, s.human_takeover, s.conversation
from locations l
left join lateral (
select cp.contact_id, c.opt_out, cs.human_takeover,
  coalesce((
    select json_agg(json_build_object('id', m.id, 'direction', m.direction, 'channel', m.channel, 'body_enc', m.body_enc, 'at', m.occurred_at, 'author', m.author) order by m.occurred_at, m.id)
    from (
      select id, direction, channel, body_enc, occurred_at, author from communications
      where location_id = cp.location_id and contact_id = cp.contact_id
      order by occurred_at, id
      limit 500
    ) m
  ), '[]'::json) as conversation
from contact_points cp
join contacts c on c.id = cp.contact_id
left join conversation_states cs on cs.contact_id = cp.contact_id
where cp.location_id = l.id and cp.kind = $1::text and cp.value = $2::text
limit 1
) s on true`;

export async function selectInboundSenders(database: Pick<Database, 'executePrepared'>, o: { kind: 'phone' | 'email'; value: string }): Promise<LocationWithSender[]> {
  const rows = (await database.executePrepared<Row>('curb_select_inbound_senders', TEXT, [o.kind, o.value], { lane: 'webhook' })).rows;
  return rows.map((row) => {
    const location = { id: row.location_id, settings: row.settings };
    if (!row.contact_id) return { location, sender: null };
    const lines = typeof row.conversation === 'string' ? (JSON.parse(row.conversation) as Exclude<Row['conversation'], string | null>) : (row.conversation ?? []);
    return {
      location,
      sender: {
        contactId: row.contact_id,
        optOut: row.opt_out ?? false,
        humanTakeover: row.human_takeover ?? false,
        conversation: lines.map((m) => ({ id: m.id, direction: m.direction, channel: m.channel, bodyEnc: m.body_enc, at: new Date(m.at), author: m.author })),
      },
    };
  });
}
