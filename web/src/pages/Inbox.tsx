import { useEffect, useRef, useState } from 'react';
import { api, qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Card, Label, LoadError } from '../components/ui';
import { when } from '../format';
import { useApi, usePagedApi } from '../hooks';
import type { Message } from '../types';

interface ConversationItem {
  contactId: string;
  contactName: string | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastIntent: string | null;
  lastSentiment: number | null;
  humanTakeover: boolean;
  leadStatus: string | null;
}
interface Thread {
  contact: { id: string; ownerName?: string | null; phone?: string | null; email?: string | null };
  state: { humanTakeover: boolean; takeoverAt: string | null; currentState: string };
  messages: Message[];
}
interface Approval {
  touchId: string;
  contactId: string;
  contactName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  step: number | null;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  reasons: Array<{ rule: string; code: string; detail: string }>;
  createdAt: string;
}

const threadColumns: Column<ConversationItem>[] = [
  { key: 'contactName', label: 'Lead', render: (c) => <a href={`#/inbox/${c.contactId}`}>{c.contactName ?? c.contactId.slice(0, 8)}</a>, value: (c) => c.contactName },
  { key: 'lastMessagePreview', label: 'Last message', render: (c) => <span className="preview">{c.lastMessagePreview ?? ''}</span> },
  { key: 'lastIntent', label: 'Intent', render: (c) => <Label kind="intent" value={c.lastIntent} /> },
  { key: 'lastSentiment', label: 'Sentiment', render: (c) => <Label kind="sentiment" value={c.lastSentiment} /> },
  { key: 'humanTakeover', label: 'Takeover', render: (c) => (c.humanTakeover ? <span className="tag warn">human</span> : <span className="tag neutral">bot</span>) },
  { key: 'leadStatus', label: 'Status', render: (c) => <Label kind="status" value={c.leadStatus} /> },
  { key: 'lastMessageAt', label: 'When', render: (c) => when(c.lastMessageAt) },
];

/** The phone layout (one column), as in styles.css. */
const PHONE = '(max-width: 760px)';

export function Inbox(props: { selected: string | null }) {
  const [takeover, setTakeover] = useState('');
  const list = usePagedApi<ConversationItem>(`/v1/conversations${qs({ takeover, limit: 100 })}`);

  return (
    <>
      <h2>Inbox</h2>
      <ApprovalQueue />
      <div className="row">
        <label>
          Show{' '}
          <select value={takeover} onChange={(e) => setTakeover(e.target.value)} name="takeover">
            <option value="">all threads</option>
            <option value="true">taken over by a person</option>
            <option value="false">handled by the bot</option>
          </select>
        </label>
      </div>
      <LoadError error={list.error} what="The conversations API" />
      <div className={props.selected ? 'inbox split' : 'inbox'}>
        <DataTable title="Threads" csvName="threads" columns={threadColumns} rows={list.rows} more={list} empty="No conversations yet." />
        {props.selected ? (
          <ThreadPane contactId={props.selected} onChanged={list.reload} />
        ) : null}
      </div>
    </>
  );
}

/**
 * On a phone the thread sits above the list (styles.css) and is scrolled to once it has loaded, when the page
 * above it (the approval queue, the list) has its height: a tap would otherwise seem to do nothing.
 */
function ThreadPane(props: { contactId: string; onChanged: () => void }) {
  const pane = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded && window.matchMedia(PHONE).matches) pane.current?.scrollIntoView({ block: 'start' });
  }, [loaded, props.contactId]);
  return (
    <div className="thread-pane" ref={pane}>
      <ThreadView contactId={props.contactId} onChanged={props.onChanged} onLoaded={() => setLoaded(true)} />
    </div>
  );
}

function ThreadView(props: { contactId: string; onChanged: () => void; onLoaded?: () => void }) {
  const t = useApi<Thread>(`/v1/conversations/${props.contactId}`);
  const { onLoaded } = props;
  useEffect(() => {
    if (t.data) onLoaded?.();
  }, [t.data, onLoaded]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      t.reload();
      props.onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const thread = t.data;
  // The newest message is what a person opens a thread for: the chat box (a scroll area of its own) opens at
  // its bottom, and goes there again when a message arrives or is sent.
  const chat = useRef<HTMLOListElement>(null);
  const count = thread?.messages.length ?? 0;
  useEffect(() => {
    const el = chat.current;
    if (el && count > 0) el.scrollTop = el.scrollHeight;
  }, [count, props.contactId]);
  const messages: Column<Message>[] = [
    { key: 'occurredAt', label: 'When', render: (m) => when(m.occurredAt) },
    { key: 'direction', label: 'Direction' },
    { key: 'channel', label: 'Channel' },
    { key: 'body', label: 'Text', render: (m) => m.body ?? '' },
    { key: 'intent', label: 'Intent', render: (m) => m.intent ?? '' },
    { key: 'sentimentScore', label: 'Sentiment', render: (m) => (m.sentimentScore === null ? '' : m.sentimentScore.toFixed(2)) },
    { key: 'author', label: 'Author', render: (m) => m.author ?? '' },
  ];
  return (
    <Card
      title={thread?.contact.ownerName ?? 'Conversation'}
      testId="thread"
      actions={
        thread ? (
          <span className="row">
            {thread.state.humanTakeover ? <span className="tag warn" data-testid="takeover-on">human takeover</span> : <span className="tag neutral">bot</span>}
            {thread.state.humanTakeover ? (
              <button type="button" className="ghost" disabled={busy} onClick={() => run(() => api(`/v1/conversations/${props.contactId}/release`, { method: 'POST' }))}>
                Release to bot
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => run(() => api(`/v1/conversations/${props.contactId}/takeover`, { method: 'POST' }))}>
                Take over
              </button>
            )}
          </span>
        ) : null
      }
    >
      <LoadError error={t.error} what="This conversation" />
      <ol className="chat" data-testid="messages" ref={chat}>
        {(thread?.messages ?? []).map((m) => (
          <li key={m.id} className={`bubble ${m.direction}`}>
            <div className="bubble-body">{m.body ?? <em className="muted">(no text)</em>}</div>
            <div className="bubble-meta">
              {m.channel} · {when(m.occurredAt)} {m.author && m.direction === 'outbound' ? `· ${m.author}` : ''} <Label kind="intent" value={m.intent} /> <Label kind="sentiment" value={m.sentimentScore} />
              {m.objection ? <span className="tag neutral">objection: {m.objection}</span> : null}
            </div>
          </li>
        ))}
      </ol>
      <form
        className="reply"
        onSubmit={(e) => {
          e.preventDefault();
          const text = body.trim();
          if (!text) return;
          void run(async () => {
            await api(`/v1/conversations/${props.contactId}/reply`, { method: 'POST', body: { body: text } });
            setBody('');
          });
        }}
      >
        <textarea name="reply" rows={3} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Write a reply — it passes the compliance check before it is sent" />
        <button type="submit" disabled={busy || !body.trim()}>
          Send
        </button>
      </form>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <DataTable title="Messages" csvName={`conversation-${props.contactId}`} columns={messages} rows={thread?.messages ?? []} />
    </Card>
  );
}

function ApprovalQueue() {
  const q = usePagedApi<Approval>('/v1/approvals?limit=50');
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (a: Approval, action: 'approve' | 'skip') => {
    setBusy(a.touchId);
    setError(null);
    try {
      const edited = edits[a.touchId];
      await api(`/v1/approvals/${a.touchId}/${action}`, { method: 'POST', body: action === 'approve' && edited !== undefined && edited !== a.body ? { body: edited } : {} });
      q.reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const items = q.rows;
  const cols: Column<Approval>[] = [
    { key: 'contactName', label: 'Lead' },
    { key: 'campaignName', label: 'Campaign' },
    { key: 'step', label: 'Step' },
    { key: 'channel', label: 'Channel' },
    { key: 'body', label: 'Message' },
    { key: 'reasons', label: 'Why it waits', value: (a) => a.reasons.map((r) => `${r.rule}: ${r.detail}`).join('; '), render: (a) => a.reasons.map((r) => r.detail).join('; ') },
  ];
  return (
    <Card title={`Approval queue${items.length ? ` (${items.length}${q.hasMore ? '+' : ''})` : ''}`} testId="approvals">
      <LoadError error={q.error} what="The approval queue" />
      {!q.loading && !q.error && items.length === 0 ? <p className="empty">Nothing waits for approval.</p> : null}
      <ul className="approvals">
        {items.map((a) => (
          <li key={a.touchId} className="approval" data-testid="approval">
            <div className="muted small">
              {a.contactName ?? a.contactId} · {a.campaignName ?? ''} step {a.step ?? '—'} · {a.channel} to {a.to}
            </div>
            <textarea rows={3} name="approval-body" value={edits[a.touchId] ?? a.body} onChange={(e) => setEdits({ ...edits, [a.touchId]: e.target.value })} />
            <div className="muted small">{a.reasons.map((r) => `${r.rule}: ${r.detail}`).join(' · ')}</div>
            <div className="row">
              <button type="button" disabled={busy === a.touchId} onClick={() => act(a, 'approve')}>
                Approve and send
              </button>
              <button type="button" className="ghost" disabled={busy === a.touchId} onClick={() => act(a, 'skip')}>
                Skip
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items.length ? <DataTable title="Queue (export)" csvName="approvals" columns={cols} rows={items} more={q} /> : null}
    </Card>
  );
}
