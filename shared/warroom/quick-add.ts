import { formatInstant, fromWall, wallParts, type TimeZone } from './elapsed';

// The quick-add bar's tiny language. One line in, one note out:
//
//   DB failover started               a note, now
//   @09:12 DB failover started        backdated to 09:12 today in the local zone (yesterday if
//                                     09:12 today is still in the future)
//   @09:12:30Z ...  / @09:12 UTC ...  the time is UTC rather than local
//   @2024-05-01 09:12 ...             a date and time (local; Z or UTC suffix for UTC)
//   @-15m ... / @-2h ... / @-1h30m    relative to now
//   !Customer data confirmed exposed  a KEY event (the "!" may also follow the time: "@09:12 !...")
//   \!text  \@text                    a literal leading "!" or "@"
//
// "@" starts a time only when a digit, "-" or "+" follows it, so "@alice is on it" is plain text.
// Why "!" and not "key:": one keystroke, and it cannot clash with text like "key: rotated".

export interface QuickAdd {
  text: string;
  /** UTC ISO with ms, or null for "now" (the store stamps it). */
  occurredAt: string | null;
  key: boolean;
  /** Set when the line cannot be added as typed; says how to fix it. */
  error?: string;
}

export interface Clock {
  /** UTC ms. */
  now: number;
  zone: TimeZone;
}

export const MAX_NOTE_LENGTH = 20_000;

const RELATIVE = /^([-+])(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m(?:in)?)?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HELP = 'use @09:12, @2024-05-01 09:12 or @-15m';

export type TimeParse = { ok: true; at: number } | { ok: false; error: string };

/**
 * A time expression without its "@": "09:12", "09:12:30Z", "2024-05-01 09:12", "2024-05-01T09:12Z",
 * "-15m", "-1h30m". Shared by quick-add and the amend dialog's "new time" field.
 */
export function parseTimeExpression(raw: string, clock: Clock): TimeParse {
  let s = raw.trim();
  const rel = RELATIVE.exec(s);
  if (rel && (rel[2] ?? rel[3] ?? rel[4]) !== undefined) {
    const ms = ((Number(rel[2] ?? 0) * 24 + Number(rel[3] ?? 0)) * 60 + Number(rel[4] ?? 0)) * 60_000;
    if (rel[1] === '+' && ms > 0) return { ok: false, error: 'A note cannot be in the future: use a minus, like @-15m' };
    return { ok: true, at: clock.now - ms };
  }
  let utc = false;
  const suffix = /(?:\s*UTC|Z)$/i.exec(s);
  if (suffix) {
    utc = true;
    s = s.slice(0, suffix.index);
  }
  const [datePart, timePart, ...extra] = s.split(/[ T]+/);
  const onlyTime = timePart === undefined;
  const timeText = onlyTime ? datePart : timePart;
  if (extra.length > 0 || timeText === undefined) return { ok: false, error: `Could not read the time “${raw.trim()}”: ${HELP}` };
  const t = TIME.exec(timeText);
  const d = onlyTime ? null : DATE.exec(datePart ?? '');
  if (!t || (!onlyTime && !d)) return { ok: false, error: `Could not read the time “${raw.trim()}”: ${HELP}` };
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = Number(t[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, error: `There is no ${timeText}: use a 24-hour time like 09:12` };
  }
  const zone: TimeZone = utc ? { name: 'UTC', offsetMinutes: () => 0 } : clock.zone;
  if (d) {
    const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return { ok: false, error: `There is no ${datePart}` };
    const at = fromWall(zone, year, month, day, hour, minute, second);
    if (at > clock.now + 1000) {
      return { ok: false, error: `${formatInstant(at, utc ? 'utc' : 'local', clock.zone, { date: 'always', seconds: false })}${utc ? ' UTC' : ''} is in the future` };
    }
    return { ok: true, at };
  }
  const today = wallParts(clock.now, zone);
  let at = fromWall(zone, today.year, today.month, today.day, hour, minute, second);
  // "@23:50" typed at 00:10 means last night.
  if (at > clock.now + 1000) {
    const y = wallParts(clock.now - 24 * 3_600_000, zone);
    at = fromWall(zone, y.year, y.month, y.day, hour, minute, second);
  }
  return { ok: true, at };
}

/** Parses one quick-add line. Never throws; `error` explains what to change. */
export function parseQuickAdd(line: string, clock: Clock): QuickAdd {
  let rest = line.trim();
  let key = false;
  let occurredAt: string | null = null;
  const takeBang = () => {
    if (rest.startsWith('!')) {
      key = true;
      rest = rest.slice(1).trimStart();
    }
  };
  takeBang();
  if (/^@[\d+-]/.test(rest)) {
    // The time is everything up to the first space, plus a following time ("@2024-05-01 09:12")
    // or "UTC" suffix.
    const m = /^@(\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*UTC\b|Z)?|\S+?(?:\s+UTC\b)?)(?=\s|$)/i.exec(rest);
    const token = m?.[1] ?? rest.slice(1).split(/\s/)[0] ?? '';
    const parsed = parseTimeExpression(token, clock);
    rest = rest.slice((m?.[0] ?? `@${token}`).length).trimStart();
    if (!parsed.ok) return { text: rest, occurredAt: null, key, error: parsed.error };
    occurredAt = new Date(parsed.at).toISOString();
    takeBang();
  }
  if (rest.startsWith('\\!') || rest.startsWith('\\@')) rest = rest.slice(1);
  if (rest === '') {
    return { text: '', occurredAt, key, error: occurredAt ? 'Say what happened after the time' : 'Type what happened' };
  }
  if (rest.length > MAX_NOTE_LENGTH) {
    return { text: rest, occurredAt, key, error: `A note holds at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters` };
  }
  return { text: rest, occurredAt, key };
}
