import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Playbook } from '../../../shared/playbook/model';
import { fitLabel } from '../../../shared/warroom/activity';
import type { ActivitySeries } from '../../../shared/warroom/activity-series';
import { countTicks, linearScale, namedMarkers, ticksAreDays, timeTicks, zoomWindow, type TimeWindow, type ZoomAction } from '../../../shared/warroom/chart-scales';
import { formatDuration, formatInstant, utcZone, wallParts, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { phaseName, severityName } from '../../../shared/warroom/timeline-filter';

export interface ActivityChartProps extends ActivitySeries {
  playbook?: Playbook | null;
  zone: TimeZone;
  timeMode: TimeMode;
  /** A bar was chosen: jump the timeline to the bucket's start (UTC ms). */
  onJump(at: number): void;
  /** Large type for a shared screen. */
  presenter?: boolean;
  /** Fixed size (tests, print); when width is absent the chart fills its parent's width. */
  width?: number;
  height?: number;
}

interface Bucket {
  start: number;
  end: number;
  count: number;
}

const bandFills = ['var(--wr-band-1)', 'var(--wr-band-2)'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Average glyph width as a share of the font size, for fitting labels without measuring text. */
const GLYPH = 0.6;
const FALLBACK_WIDTH = 600;

/** The figure's width, followed as the window resizes; a fixed width when one is given. */
function useWidth(fixed: number | undefined): [(el: HTMLElement | null) => (() => void) | undefined, number] {
  const [measured, setMeasured] = useState(0);
  // A ref callback, not an effect: it measures as the figure attaches, before the first paint.
  const ref = useCallback(
    (el: HTMLElement | null) => {
      if (fixed !== undefined || !el) return undefined;
      setMeasured(el.clientWidth);
      if (typeof ResizeObserver === 'undefined') return undefined;
      const observer = new ResizeObserver(() => setMeasured(el.clientWidth));
      observer.observe(el);
      return () => observer.disconnect();
    },
    [fixed],
  );
  return [ref, fixed ?? (measured > 0 ? measured : FALLBACK_WIDTH)];
}

/**
 * Events over time as bars, with phase bands and severity calls. Each bar is a button ("09:10–09:15:
 * 12 events") that jumps the timeline; arrows move between bars, + and − zoom. Plain SVG coloured
 * by the theme's CSS variables.
 */
export const ActivityChart = memo(function ActivityChart({ buckets: rawBuckets, phases, severities, playbook, zone, timeMode, onJump, presenter = false, width: fixedWidth, height: fixedHeight }: ActivityChartProps) {
  const [figureRef, width] = useWidth(fixedWidth);
  const height = fixedHeight ?? (presenter ? 220 : 160);
  const fontSize = presenter ? 16 : 12;
  const maxBarWidth = presenter ? 64 : 48;
  const shownZone = timeMode === 'utc' ? utcZone : zone;
  const time = (t: number) => formatInstant(t, timeMode, zone, { seconds: false });

  const buckets = useMemo<Bucket[]>(() => rawBuckets.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end), count: b.count })), [rawBuckets]);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const full: TimeWindow | null = first && last ? { start: first.start, end: last.end } : null;
  const bucketMs = first ? first.end - first.start : 60_000;

  const [zoom, setZoom] = useState<TimeWindow | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const bars = useRef(new Map<number, SVGRectElement>());
  const focusAfterRender = useRef(false);

  const view = full && zoom && zoom.end > full.start && zoom.start < full.end ? zoom : full;
  const visible = view ? buckets.filter((b) => b.end > view.start && b.start < view.end) : [];
  // The one bar in the tab order: the last one used while it is in view, else the latest with events.
  const activeBucket = visible.find((b) => b.start === active) ?? [...visible].reverse().find((b) => b.count > 0) ?? visible[visible.length - 1];

  useEffect(() => {
    if (!focusAfterRender.current || !activeBucket) return;
    focusAfterRender.current = false;
    bars.current.get(activeBucket.start)?.focus();
  });

  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (!full || !view || !activeBucket) {
    return (
      <figure className="wr-activity" aria-label="Activity over time" ref={figureRef}>
        <figcaption className="wr-activity-empty muted">No activity yet.</figcaption>
      </figure>
    );
  }

  const busiest = buckets.reduce((m, b) => (b.count > m.count ? b : m), activeBucket);
  // The figure's text for a screen reader: the bands and calls are drawn, so they are also said.
  const phaseList = phases.map((p) => `${phaseName(p.phase, playbook)} from ${time(Date.parse(p.start))}`).join(', ');
  const callList = severities.map((c) => `${severityName(c.severity, playbook)} at ${time(Date.parse(c.at))}`).join(', ');
  const summary = [
    `${total.toLocaleString('en')} ${total === 1 ? 'event' : 'events'} in ${buckets.length} ${buckets.length === 1 ? 'bucket' : 'buckets'} of ${formatDuration(bucketMs)}; busiest at ${time(busiest.start)} with ${busiest.count}.`,
    phaseList && `Phases: ${phaseList}.`,
    callList && `Severity calls: ${callList}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const phaseOf = (t: number) => phases.find((p) => Date.parse(p.start) <= t && t < Date.parse(p.end));
  const nameOf = (b: Bucket) => `${time(b.start)}–${time(b.end)}: ${b.count.toLocaleString('en')} ${b.count === 1 ? 'event' : 'events'}`;

  // Layout: severity labels above the plot, time labels below, counts on the left.
  const yTicks = countTicks(Math.max(0, ...visible.map((b) => b.count)), height >= 140 ? 4 : 2);
  const top = fontSize + 8;
  const bottom = fontSize + 10;
  const left = Math.ceil(String(yTicks[yTicks.length - 1]).length * fontSize * GLYPH) + 12;
  const right = 8;
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - top - bottom);
  const x = linearScale(view.start, view.end, left, left + plotW);
  const y = linearScale(0, yTicks[yTicks.length - 1] ?? 1, top + plotH, top);
  // "09:15" or "May 12": six glyphs and a gap per label.
  const xTicks = timeTicks(view.start, view.end, Math.max(1, Math.floor(plotW / (6 * fontSize * GLYPH + 24))), shownZone);
  const tickLabel = (t: number) => {
    if (!ticksAreDays(xTicks.step)) return time(t);
    const p = wallParts(t, shownZone);
    return `${MONTHS[p.month - 1] ?? ''} ${p.day}`;
  };
  const inView = severities.map((s) => ({ at: Date.parse(s.at), name: severityName(s.severity, playbook) })).filter((s) => s.at >= view.start && s.at <= view.end);
  const labelW = (text: string) => text.length * fontSize * GLYPH;
  const labelX = inView.map((s) => Math.min(x(s.at) + 3, width - right - labelW(s.name)));
  const named = namedMarkers(labelX, inView.map((s) => labelW(s.name)));
  const tip = buckets.find((b) => b.start === hover) ?? (focused ? activeBucket : undefined);
  const zoomable = buckets.length > 12;
  const zoomed = view !== full && (view.start > full.start || view.end < full.end);

  const zoomBy = (action: ZoomAction) => setZoom(zoomWindow(full, zoom, action, (activeBucket.start + activeBucket.end) / 2, bucketMs));
  const moveTo = (b: Bucket | undefined) => {
    if (!b) return;
    const span = view.end - view.start;
    if (b.start < view.start) setZoom({ start: b.start, end: b.start + span });
    else if (b.end > view.end) setZoom({ start: b.end - span, end: b.end });
    focusAfterRender.current = true;
    setActive(b.start);
  };
  const onKeyDown = (event: KeyboardEvent, b: Bucket) => {
    const i = buckets.indexOf(b);
    const keys: Record<string, () => void> = {
      ArrowLeft: () => moveTo(buckets[i - 1]),
      ArrowRight: () => moveTo(buckets[i + 1]),
      Home: () => moveTo(visible[0]),
      End: () => moveTo(visible[visible.length - 1]),
      Enter: () => onJump(b.start),
      ' ': () => onJump(b.start),
      '+': () => zoomable && zoomBy('in'),
      '=': () => zoomable && zoomBy('in'),
      '-': () => zoomable && zoomBy('out'),
    };
    const run = keys[event.key];
    if (!run || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    run();
  };

  return (
    <figure className={`wr-activity${presenter ? ' wr-activity-presenter' : ''}`} aria-label="Activity over time" ref={figureRef}>
      <figcaption className="visually-hidden">{summary}</figcaption>
      {/* Absolutely placed inside a box of its height: the SVG's fixed width must never hold the
          card open, or a narrower window would keep the wider chart (the width follows the box). */}
      <div className="wr-activity-plot" style={{ height }}>
        <svg width={width} height={height} fontSize={fontSize} role="group" aria-label={`Events per ${formatDuration(bucketMs)}: choose a bar to jump the timeline there`}>
          <g aria-hidden="true">
            {phases.map((p, i) => {
              const s = Math.max(Date.parse(p.start), view.start);
              const e = Math.min(Date.parse(p.end), view.end);
              if (!(e > s)) return null;
              const name = phaseName(p.phase, playbook);
              const shown = fitLabel(name, x(e) - x(s), fontSize * GLYPH);
              return (
                <g key={`${p.phase}-${p.start}`} className="wr-activity-band">
                  <rect x={x(s)} y={top} width={x(e) - x(s)} height={plotH} fill={bandFills[i % 2]} />
                  {shown && (
                    <text x={x(s) + 4} y={top + fontSize} fill="var(--text-muted)">
                      <title>{name}</title>
                      {shown}
                    </text>
                  )}
                </g>
              );
            })}
            {yTicks.map((v) => (
              <g key={v}>
                <line x1={left} x2={left + plotW} y1={y(v)} y2={y(v)} stroke="var(--border)" />
                <text x={left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fill="var(--text-muted)">
                  {v.toLocaleString('en')}
                </text>
              </g>
            ))}
            {xTicks.ticks.map((t) => {
              const label = tickLabel(t);
              const half = labelW(label) / 2;
              if (x(t) - half < 0 || x(t) + half > width) return null;
              return (
                <g key={t}>
                  <line x1={x(t)} x2={x(t)} y1={top + plotH} y2={top + plotH + 4} stroke="var(--text-muted)" />
                  <text x={x(t)} y={height - 4} textAnchor="middle" fill="var(--text-muted)">
                    {label}
                  </text>
                </g>
              );
            })}
          </g>
          <g aria-hidden="true">
            {visible.map((b) => {
              const bx = x(Math.max(b.start, view.start));
              const bw = x(Math.min(b.end, view.end)) - bx;
              // A young incident has few buckets: a bar as wide as the chart reads as a wall, not a count.
              const barW = Math.max(1, Math.min(bw - 1, maxBarWidth));
              return b.count > 0 ? <rect key={b.start} className="wr-bar" x={bx + (bw - barW) / 2} y={y(b.count)} width={barW} height={y(0) - y(b.count)} /> : null;
            })}
          </g>
          {visible.map((b) => {
            const bx = x(Math.max(b.start, view.start));
            return (
              <rect
                key={b.start}
                ref={(el) => {
                  if (el) bars.current.set(b.start, el);
                  else bars.current.delete(b.start);
                }}
                className="wr-bucket"
                role="button"
                tabIndex={b === activeBucket ? 0 : -1}
                aria-label={nameOf(b)}
                x={bx}
                y={top}
                width={Math.max(1, x(Math.min(b.end, view.end)) - bx)}
                height={plotH}
                onClick={() => {
                  setActive(b.start);
                  onJump(b.start);
                }}
                onKeyDown={(event) => onKeyDown(event, b)}
                onFocus={() => {
                  setActive(b.start);
                  setFocused(true);
                }}
                onBlur={() => setFocused(false)}
                onMouseEnter={() => setHover(b.start)}
                onMouseLeave={() => setHover(null)}
              />
            );
          })}
          <g aria-hidden="true" className="wr-activity-calls">
            {inView.map((s, i) => (
              <g key={`${s.at}-${i}`}>
                <line x1={x(s.at)} x2={x(s.at)} y1={top - 2} y2={top + plotH} stroke="var(--bad)" strokeDasharray="4 2" strokeWidth={presenter ? 2 : 1} />
                {named[i] && (
                  <text x={labelX[i]} y={top - 6} fill="var(--text)">
                    {s.name}
                  </text>
                )}
              </g>
            ))}
          </g>
        </svg>
        {tip && (
          <div className="wr-activity-tip" aria-hidden="true" style={{ left: Math.min(Math.max(x((Math.max(tip.start, view.start) + Math.min(tip.end, view.end)) / 2), 70), width - 70), top }}>
            <strong>
              {time(tip.start)}–{time(tip.end)}
            </strong>{' '}
            {tip.count.toLocaleString('en')} {tip.count === 1 ? 'event' : 'events'}
            {phaseOf(tip.start) && <span className="wr-activity-tip-phase"> · {phaseName(phaseOf(tip.start)?.phase ?? null, playbook)}</span>}
          </div>
        )}
      </div>
      {zoomable && (
        <div className="wr-activity-zoom" role="group" aria-label="Zoom the activity chart">
          <button type="button" className="button wr-small-button" onClick={() => zoomBy('in')} disabled={view.end - view.start <= bucketMs}>
            Zoom in
          </button>
          <button type="button" className="button wr-small-button" onClick={() => zoomBy('out')} disabled={!zoomed}>
            Zoom out
          </button>
          <button type="button" className="button wr-small-button" onClick={() => zoomBy('earlier')} disabled={!zoomed || view.start <= full.start}>
            Earlier
          </button>
          <button type="button" className="button wr-small-button" onClick={() => zoomBy('later')} disabled={!zoomed || view.end >= full.end}>
            Later
          </button>
          {zoomed && (
            <span className="muted small">
              Showing {time(view.start)}–{time(view.end)}{' '}
              <button type="button" className="button wr-small-button" onClick={() => zoomBy('all')}>
                Show all
              </button>
            </span>
          )}
        </div>
      )}
    </figure>
  );
});
