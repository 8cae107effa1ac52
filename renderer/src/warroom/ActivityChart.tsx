import { memo, useMemo } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EventView } from '../../../shared/ipc/store-schemas';
import type { Playbook } from '../../../shared/playbook/model';
import { activity, fitLabel, type ActivityBucket } from '../../../shared/warroom/activity';
import { formatDuration, formatInstant, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { phaseName, severityName } from '../../../shared/warroom/timeline-filter';

export interface ActivityChartProps {
  events: readonly EventView[];
  playbook?: Playbook | null;
  /** The chart runs to now; pass a value that changes rarely (e.g. each minute) to avoid re-bucketing. */
  now: number;
  zone: TimeZone;
  timeMode: TimeMode;
  /** Click on a bar: jump the timeline to the bucket's start (UTC ms). */
  onJump(at: number): void;
  /** Fixed size (tests, print); when width is absent the chart fills its parent's width. */
  width?: number;
  height?: number;
  maxBuckets?: number;
}

const bandFills = ['var(--wr-band-1)', 'var(--wr-band-2)'];

/** A phase band's label, cut to the band's width so neighbouring labels never overprint. */
function PhaseLabel({ name, viewBox }: { name: string; viewBox?: { x?: number; y?: number; width?: number } }) {
  const shown = fitLabel(name, viewBox?.width ?? 0, 6.4);
  if (!shown) return null;
  return (
    <text x={(viewBox?.x ?? 0) + 4} y={(viewBox?.y ?? 0) + 12} fontSize={11} fill="var(--text-muted)">
      <title>{name}</title>
      {shown}
    </text>
  );
}

/** Events over time (bars), phase bands, severity changes, a brush to zoom; click a bar to jump. */
export const ActivityChart = memo(function ActivityChart({ events, playbook, now, zone, timeMode, onJump, width, height = 160, maxBuckets = 60 }: ActivityChartProps) {
  const data = useMemo(() => activity(events, now, maxBuckets), [events, now, maxBuckets]);
  const { buckets, bucketMs } = data;
  const bucketOf = (t: number): number | undefined => {
    const first = buckets[0];
    if (!first) return undefined;
    const i = Math.min(buckets.length - 1, Math.max(0, Math.floor((t - first.start) / bucketMs)));
    return buckets[i]?.start;
  };
  const tick = (t: number) => formatInstant(t, timeMode, zone, { seconds: false });
  const busiest = buckets.reduce<ActivityBucket | null>((m, b) => (m === null || b.count > m.count ? b : m), null);
  const summary =
    buckets.length === 0
      ? 'No activity yet.'
      : `${events.length.toLocaleString('en')} events in ${buckets.length} buckets of ${formatDuration(bucketMs)}; busiest at ${tick(busiest?.start ?? 0)} with ${busiest?.count ?? 0}. ${data.bands.length} phase changes, ${data.markers.length} severity calls.`;

  const lastCallIn = new Map<number, string>();
  for (const m of data.markers) {
    const x = bucketOf(m.at);
    if (x !== undefined) lastCallIn.set(x, m.eventId);
  }
  const chart = (
    <BarChart data={buckets} width={width} height={height} margin={{ top: 18, right: 8, bottom: 0, left: -16 }} barCategoryGap={1}>
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis dataKey="start" tickFormatter={tick} stroke="var(--text-muted)" fontSize={12} minTickGap={24} />
      <YAxis allowDecimals={false} stroke="var(--text-muted)" fontSize={12} width={40} />
      {data.bands.map((b, i) => {
        const x1 = bucketOf(b.start);
        const x2 = bucketOf(b.end);
        return x1 === undefined || x2 === undefined ? null : (
          <ReferenceArea key={`${b.phase}-${b.start}`} x1={x1} x2={x2} fill={bandFills[i % 2]} fillOpacity={1} ifOverflow="extendDomain" label={<PhaseLabel name={phaseName(b.phase, playbook)} />} />
        );
      })}
      <Tooltip
        cursor={{ fill: 'var(--surface-2)' }}
        labelFormatter={(v) => `${tick(Number(v))}–${tick(Number(v) + bucketMs)}`}
        formatter={(value) => [String(value), 'events']}
        contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
      />
      <Bar
        dataKey="count"
        name="Events"
        fill="var(--wr-bar)"
        isAnimationActive={false}
        cursor="pointer"
        onClick={(entry: { payload?: ActivityBucket }) => {
          if (entry.payload) onJump(entry.payload.start);
        }}
      />
      {data.markers.map((m) => {
        const x = bucketOf(m.at);
        // Calls within one bucket share a line; only the one in force is named, or the labels overprint.
        const named = x !== undefined && lastCallIn.get(x) === m.eventId;
        return x === undefined ? null : (
          <ReferenceLine
            key={m.eventId}
            x={x}
            stroke="var(--bad)"
            strokeDasharray="4 2"
            {...(named ? { label: { value: severityName(m.severity, playbook), position: 'top', fontSize: 11, fill: 'var(--text)' } } : {})}
          />
        );
      })}
      {buckets.length > 12 && <Brush dataKey="start" height={18} stroke="var(--text-muted)" fill="var(--surface)" tickFormatter={tick} />}
    </BarChart>
  );
  return (
    <figure className="wr-activity" aria-label="Activity over time">
      <figcaption className="visually-hidden">{summary}</figcaption>
      {width !== undefined ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </figure>
  );
});
