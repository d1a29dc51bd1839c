/**
 * The webhook's one read for a known sender: the contact behind the address (the point's unique index),
 * whether it was already opted out, whether a person has taken the conversation over, and the
 * conversation so far (oldest first, at most 500 messages, bodies still encrypted) — one round trip,
 * a named prepared statement on PostgreSQL. Reviewed hot path (`npm run bench -- conversations`).
 */
import type { Database } from '../../client.js';

export interface InboundSender {
  contactId: string;
  optOut: boolean;
  humanTakeover: boolean;
  conversation: Array<{ id: string; direction: 'inbound' | 'outbound'; channel: string; bodyEnc: string | null; at: Date; author: string | null }>;
}

interface Row {
  contact_id: string;
  opt_out: boolean;
  human_takeover: boolean | null;
  conversation: Array<{ id: string; direction: 'inbound' | 'outbound'; channel: string; body_enc: string | null; at: string; author: string | null }> | string;
}

const TEXT = `
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
where cp.location_id = $1::uuid and cp.kind = $2::text and cp.value = $3::text
limit 1`;

export async function selectInboundSender(database: Pick<Database, 'executePrepared'>, o: { locationId: string; kind: 'phone' | 'email'; value: string }): Promise<InboundSender | null> {
  const [row] = (await database.executePrepared<Row>('curb_select_inbound_sender', TEXT, [o.locationId, o.kind, o.value])).rows;
  if (!row) return null;
  const lines = typeof row.conversation === 'string' ? (JSON.parse(row.conversation) as Exclude<Row['conversation'], string>) : row.conversation;
  return {
    contactId: row.contact_id,
    optOut: row.opt_out,
    humanTakeover: row.human_takeover ?? false,
    conversation: lines.map((m) => ({ id: m.id, direction: m.direction, channel: m.channel, bodyEnc: m.body_enc, at: new Date(m.at), author: m.author })),
  };
}
