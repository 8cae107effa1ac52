// Time formatting for the war-room. Every function takes its time zone and `now` as arguments,
// so the same input always gives the same text (tests and screenshots are deterministic).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A time zone as the war-room needs it: a name to show and the offset at an instant (DST-aware). */
export interface TimeZone {
  /** Shown next to times, e.g. "Europe/Paris" or "UTC+02:00". */
  name: string;
  /** Minutes to add to UTC to get local wall time at `utcMs` (Paris in summer: +120). */
  offsetMinutes(utcMs: number): number;
}

export const utcZone: TimeZone = { name: 'UTC', offsetMinutes: () => 0 };

/** A zone with a constant offset, for tests and for "show times as UTC+02:00". */
export function fixedZone(offsetMinutes: number, name?: string): TimeZone {
  return { name: name ?? `UTC${formatOffset(offsetMinutes)}`, offsetMinutes: () => offsetMinutes };
}

/** The machine's zone, from the JS engine (no DOM needed). */
export function systemZone(): TimeZone {
  return { name: systemZoneName(), offsetMinutes: (ms) => -new Date(ms).getTimezoneOffset() };
}

function systemZoneName(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
  } catch {
    // An engine without Intl still has offsets: the zone is just called "local".
    return 'local';
  }
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function toMs(instant: string | number): number {
  return typeof instant === 'number' ? instant : Date.parse(instant);
}

/** Wall-clock parts of an instant in a zone. */
export function wallParts(utcMs: number, zone: TimeZone): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const d = new Date(utcMs + zone.offsetMinutes(utcMs) * MINUTE);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * The UTC instant of a wall-clock time in a zone. Two passes so the offset is the one in force
 * at the result (matters only on DST-change days).
 */
export function fromWall(
  zone: TimeZone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = naive - zone.offsetMinutes(naive) * MINUTE;
  return naive - zone.offsetMinutes(first) * MINUTE;
}

export type TimeMode = 'local' | 'utc';

export interface InstantFormat {
  /** Include seconds (default true). */
  seconds?: boolean;
  /** Prefix the date: always, never, or (default) only when it is not the same day as `relativeTo`. */
  date?: 'always' | 'never' | 'auto';
  relativeTo?: string | number;
}

/** "09:12:05", or "2024-05-01 09:12:05" when the day differs; in the zone, or UTC for mode 'utc'. */
export function formatInstant(instant: string | number, mode: TimeMode, zone: TimeZone, options: InstantFormat = {}): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return '—';
  const z = mode === 'utc' ? utcZone : zone;
  const p = wallParts(ms, z);
  const time = `${pad(p.hour)}:${pad(p.minute)}${options.seconds === false ? '' : `:${pad(p.second)}`}`;
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  const which = options.date ?? 'auto';
  let withDate = which === 'always';
  if (which === 'auto' && options.relativeTo !== undefined) {
    const r = wallParts(toMs(options.relativeTo), z);
    withDate = r.year !== p.year || r.month !== p.month || r.day !== p.day;
  }
  return withDate ? `${date} ${time}` : time;
}

/** The zone label to show beside times: "UTC" or the local zone's name. */
export function zoneLabel(mode: TimeMode, zone: TimeZone): string {
  return mode === 'utc' ? 'UTC' : zone.name;
}

/** "45s", "12m", "1h 23m", "2d 3h"; with seconds: "1h 23m 05s". Always of the absolute value. */
export function formatDuration(ms: number, options: { seconds?: boolean } = {}): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE && !options.seconds) return `${Math.floor(abs / 1000)}s`;
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = Math.floor((abs % MINUTE) / 1000);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`, `${hours}h`);
  else if (hours > 0) parts.push(`${hours}h`, `${pad(minutes)}m`);
  else parts.push(`${minutes}m`);
  if (options.seconds && days === 0) parts.push(`${pad(seconds)}s`);
  return parts.join(' ').replace(/^(\d+h) 0(\dm)/, '$1 $2');
}

/** "T+1h 23m" since the declaration; "T−5m" for something before it (a backdated impact start). */
export function formatTPlus(ms: number): string {
  return `T${ms < 0 && ms <= -1000 ? '−' : '+'}${formatDuration(ms)}`;
}

/** A ticking clock: "12:05", "1:23:05", "2d 01:23:05". */
export function formatStopwatch(ms: number): string {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = Math.floor((abs % MINUTE) / 1000);
  const sign = ms < 0 && abs >= 1000 ? '−' : '';
  if (days > 0) return `${sign}${days}d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${sign}${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${sign}${pad(minutes)}:${pad(seconds)}`;
}

/** "just now", "12 min ago", "2 h 5 min ago", "3 days ago", "in 5 min". */
export function formatRelative(instant: string | number, now: number): string {
  const diff = now - toMs(instant);
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  let text: string;
  if (abs < HOUR) text = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  else if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.round((abs % HOUR) / MINUTE);
    text = m === 0 || m === 60 ? `${m === 60 ? h + 1 : h} h` : `${h} h ${m} min`;
  } else {
    const d = Math.floor(abs / DAY);
    text = `${d} day${d === 1 ? '' : 's'}`;
  }
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}
