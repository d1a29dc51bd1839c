import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BreakdownRow, Timeseries } from '../types';

/** Response and interest rate per channel (loaded after the Overview's first screen, with the chart library). */
export function ChannelsChart(props: { rows: BreakdownRow[] }) {
  const data = props.rows.map((r) => ({ ...r, responsePct: Math.round(r.responseRate * 1000) / 10, interestPct: Math.round(r.interestRate * 1000) / 10 }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis unit="%" />
        <Tooltip />
        <Legend />
        <Bar dataKey="responsePct" name="response %" fill="#2563eb" isAnimationActive={false} />
        <Bar dataKey="interestPct" name="interest %" fill="#16a34a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Sent, replies and interested replies per day. */
export function SeriesChart(props: { points: Timeseries['points'] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={props.points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Line dataKey="sent" stroke="#2563eb" dot={false} isAnimationActive={false} />
        <Line dataKey="replies" stroke="#f59e0b" dot={false} isAnimationActive={false} />
        <Line dataKey="interested" stroke="#16a34a" dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
