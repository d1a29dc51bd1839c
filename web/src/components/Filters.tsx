import { listOf } from '../api';
import { day } from '../format';
import { useApi } from '../hooks';

export interface FilterState {
  from: string;
  to: string;
  campaign: string;
  market: string;
  tier: string;
  channel: string;
  template: string;
  variant: string;
}

export function defaultFilters(): FilterState {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86_400_000);
  return { from: day(from), to: day(to), campaign: '', market: '', tier: '', channel: '', template: '', variant: '' };
}

export function filterQuery(f: FilterState, keys: Array<keyof FilterState> = ['from', 'to', 'campaign', 'market', 'tier', 'channel', 'template', 'variant']): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, f[k]]).filter(([, v]) => v));
}

const PRESETS: Array<[string, number]> = [
  ['7 d', 7],
  ['30 d', 30],
  ['90 d', 90],
  ['1 y', 365],
];

/** The date range and dimension filters every analytics page shares. */
export function Filters(props: { value: FilterState; onChange: (f: FilterState) => void; show?: Array<keyof FilterState> }) {
  const f = props.value;
  const show = new Set(props.show ?? ['campaign', 'market', 'tier', 'channel', 'template', 'variant']);
  // Names for the picker: without the metrics, which count every touch of every campaign.
  const campaigns = useApi<unknown>(show.has('campaign') ? '/v1/campaigns?metrics=false' : null);
  const markets = useApi<unknown>(show.has('market') ? '/v1/markets' : null);
  const set = (k: keyof FilterState) => (e: { target: { value: string } }) => props.onChange({ ...f, [k]: e.target.value });
  const preset = (days: number) => {
    const to = new Date();
    props.onChange({ ...f, from: day(new Date(to.getTime() - (days - 1) * 86_400_000)), to: day(to) });
  };
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} data-testid="filters">
      <label>
        From <input type="date" name="from" value={f.from} onChange={set('from')} />
      </label>
      <label>
        To <input type="date" name="to" value={f.to} onChange={set('to')} />
      </label>
      <span className="presets">
        {PRESETS.map(([label, days]) => (
          <button type="button" key={label} className="ghost" onClick={() => preset(days)}>
            {label}
          </button>
        ))}
      </span>
      {show.has('campaign') ? (
        <label>
          Campaign
          <select name="campaign" value={f.campaign} onChange={set('campaign')}>
            <option value="">All</option>
            {listOf<{ id: string; name: string }>(campaigns.data).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {show.has('market') ? (
        <label>
          Market
          <select name="market" value={f.market} onChange={set('market')}>
            <option value="">All</option>
            {listOf<{ key: string; name: string }>(markets.data).map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {show.has('tier') ? (
        <label>
          Tier
          <select name="tier" value={f.tier} onChange={set('tier')}>
            <option value="">All</option>
            {['A', 'B+', 'B', 'C', 'D'].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      ) : null}
      {show.has('channel') ? (
        <label>
          Channel
          <select name="channel" value={f.channel} onChange={set('channel')}>
            <option value="">All</option>
            <option value="sms">SMS</option>
            <option value="email">Email</option>
            <option value="voicemail">Voicemail</option>
          </select>
        </label>
      ) : null}
      {show.has('template') ? (
        <label>
          Template <input name="template" value={f.template} placeholder="key" onChange={set('template')} size={10} />
        </label>
      ) : null}
      {show.has('variant') ? (
        <label>
          Variant <input name="variant" value={f.variant} placeholder="A" onChange={set('variant')} size={3} />
        </label>
      ) : null}
    </form>
  );
}
