import type { EventView } from '../events/read-models';
import type { Playbook } from '../playbook/model';
import { activity, fitLabel } from '../warroom/activity';
import { formatDuration, formatInstant, utcZone } from '../warroom/elapsed';
import { phaseName, severityName } from '../warroom/timeline-filter';

// The activity chart for print: the war room's buckets (shared/warroom/activity.ts) drawn as a
// plain SVG string, no React, no script, fixed colours that print well. The chart ends at the
// last event, not "now", so the same log draws the same picture.

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

export interface ActivitySvgOptions {
  width?: number;
  height?: number;
  maxBuckets?: number;
  playbook?: Playbook | null;
}

export function activitySvg(events: readonly EventView[], options: ActivitySvgOptions = {}): string {
  const width = options.width ?? 680;
  const height = options.height ?? 170;
  const left = 34;
  const right = 8;
  const top = 30;
  const bottom = 22;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  let last = -Infinity;
  for (const e of events) if (e.kind !== 'amend' && e.kind !== 'redact') last = Math.max(last, Date.parse(e.effectiveOccurredAt));
  const data = activity(events, Number.isFinite(last) ? last : 0, options.maxBuckets ?? 48);
  const first = data.buckets[0];
  const final = data.buckets.at(-1);
  const label = `Activity: ${events.length} events in ${data.buckets.length} buckets, ${data.bands.length} phase changes, ${data.markers.length} severity calls.`;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart" role="img" aria-label="${esc(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="9">`;
  if (!first || !final) return `${open}<text x="${left}" y="${top + 12}" fill="#555">No activity recorded.</text></svg>`;
  const origin = first.start;
  const span = final.end - origin;
  const x = (t: number) => left + ((Math.min(Math.max(t, origin), final.end) - origin) / span) * plotW;
  const max = Math.max(1, ...data.buckets.map((b) => b.count));
  const y = (n: number) => top + plotH - (n / max) * plotH;
  const parts: string[] = [open, `<title>${esc(label)}</title>`];
  const bandFill = ['#eef2f7', '#e2e8f0'];
  data.bands.forEach((b, i) => {
    const x1 = x(b.start);
    const x2 = Math.max(x1 + 1, x(b.end));
    const name = phaseName(b.phase, options.playbook);
    parts.push(`<rect x="${r1(x1)}" y="${top}" width="${r1(x2 - x1)}" height="${plotH}" fill="${bandFill[i % 2]}"><title>${esc(name)}</title></rect>`);
    const shown = fitLabel(name, x2 - x1, 5.2);
    if (shown) parts.push(`<text x="${r1(x1 + 2)}" y="${top + 9}" fill="#475569">${esc(shown)}</text>`);
  });
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#94a3b8" stroke-width="0.5"/>`);
  const barW = Math.max(0.5, (data.bucketMs / span) * plotW - 1);
  for (const b of data.buckets) {
    if (b.count === 0) continue;
    const bx = x(b.start) + 0.5;
    parts.push(`<rect x="${r1(bx)}" y="${r1(y(b.count))}" width="${r1(barW)}" height="${r1(top + plotH - y(b.count))}" fill="#3b82f6"/>`);
    if (b.keyCount > 0) parts.push(`<rect x="${r1(bx)}" y="${r1(y(b.keyCount))}" width="${r1(barW)}" height="${r1(top + plotH - y(b.keyCount))}" fill="#1e3a8a"/>`);
  }
  // Severity labels sit above the plot; close ones alternate between two rows, and the last
  // label on a row is dropped if it would still overlap (the line stays).
  const rowEnds = [-Infinity, -Infinity];
  for (const m of data.markers) {
    const mx = x(m.at);
    parts.push(`<line x1="${r1(mx)}" y1="${top - 4}" x2="${r1(mx)}" y2="${top + plotH}" stroke="#dc2626" stroke-width="1" stroke-dasharray="3 2"/>`);
    const text = severityName(m.severity, options.playbook);
    const w = text.length * 5.2;
    const anchor = mx + w / 2 > width - right ? 'end' : mx - w / 2 < 0 ? 'start' : 'middle';
    const x0 = anchor === 'end' ? mx - w : anchor === 'start' ? mx : mx - w / 2;
    const row = rowEnds.findIndex((end) => end + 4 <= x0);
    if (row === -1) continue;
    rowEnds[row] = x0 + w;
    parts.push(`<text x="${r1(mx)}" y="${top - 6 - row * 10}" fill="#b91c1c" text-anchor="${anchor}" font-weight="bold">${esc(text)}</text>`);
  }
  parts.push(`<text x="${left - 4}" y="${top + 4}" text-anchor="end" fill="#555">${max}</text>`);
  parts.push(`<text x="${left - 4}" y="${top + plotH}" text-anchor="end" fill="#555">0</text>`);
  const multiDay = span > 24 * 3_600_000;
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const t = origin + (span * i) / ticks;
    const text = formatInstant(t, 'utc', utcZone, { seconds: false, date: multiDay ? 'always' : 'never' });
    parts.push(`<text x="${r1(x(t))}" y="${height - 8}" text-anchor="${i === 0 ? 'start' : i === ticks ? 'end' : 'middle'}" fill="#555">${esc(text)}</text>`);
  }
  parts.push(`<text x="${left}" y="9" fill="#555">Events per ${formatDuration(data.bucketMs)} (UTC); dark: key events; red: severity calls</text>`);
  parts.push('</svg>');
  return parts.join('');
}
