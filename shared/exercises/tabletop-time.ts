// The ways tabletop documents say when an inject happens, read into one of two shapes: an
// offset from the start of the exercise ("T0", "T+15m", "T+2 hours", "+30 min") or a point on a
// clock ("09:15", "9:15 AM", "Day 2 09:00", "Nov 23, 2023 @ 20:03:00 UTC"). Clock points become
// offsets once the whole scenario is read (from the first one), see resolveTimes.

export type TimeToken = { kind: 'offset'; ms: number } | { kind: 'clock'; minutes: number; hasDay: boolean; hm: number };

const UNIT_MS: ReadonlyArray<[RegExp, number]> = [
  [/^(d|days?)$/i, 86_400_000],
  [/^(h|hrs?|hours?)$/i, 3_600_000],
  [/^(m|mins?|minutes?)$/i, 60_000],
  [/^(s|secs?|seconds?)$/i, 1_000],
];

function unitMs(unit: string | undefined): number | undefined {
  if (unit === undefined || unit === '') return 60_000;
  return UNIT_MS.find(([re]) => re.test(unit))?.[1];
}

// "T+1h30m", "T+15 minutes", "T + 2 hours", "T+90", "T0", "T-0", "+15m". Negative offsets
// (back-story: "Day -2") are not exercise time.
const OFFSET = /^(?:T\s*(?:\+|=)?\s*|\+\s*)(\d+(?:\.\d+)?)\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)?(?:\s*(\d+)\s*(?:minutes?|mins?|m))?(?![a-z0-9]|[:.]\d)/i;
const T_ZERO = /^T\s*[-+]?\s*0(?![\d.]|:\d)/i;
// "T+1:30", "+00:15", "H+2" (hours, as military and civil-protection exercises write them).
const OFFSET_HM = /^(?:T\s*\+\s*|\+\s*)(\d{1,3}):(\d{2})(?!\d)/i;
const H_PLUS = /^H\s*\+\s*(\d+(?:\.\d+)?)(?:\s*(?:h|hrs?|hours?))?(?![\w:])/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// "Nov 23, 2023 @ 20:03:00 UTC", "23 Nov 2023 20:03", "2023-11-23 20:03", "2023-11-23T20:03:00Z".
const DATE_MDY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*(?:@|at|,|-|–|T)?\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?/i;
const DATE_DMY = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*(?:@|at|,|-|–)?\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm)?/i;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s]+|\s*@\s*)(\d{1,2}):(\d{2})(?::\d{2})?/;
// "Day 2 09:00", "Day 2, 9am", "Day 3".
const DAY_CLOCK = /^Day\s+(\d{1,2})\b\s*[,@–—-]?\s*(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)?/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d])/i;
const CLOCK_AMPM = /^(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/i;

function hour(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

function dayIndex(y: number, monthIndex: number, d: number): number {
  return Math.floor(Date.UTC(y, monthIndex, d) / 86_400_000);
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/** A time at the very start of `text`, and how many characters it took; undefined when none. */
export function leadingTime(raw: string): { token: TimeToken; length: number } | undefined {
  const text = raw.replace(/^[\s*_[(]+/, '');
  const skip = raw.length - text.length;
  const done = (token: TimeToken, m: RegExpExecArray | { 0: string }) => ({ token, length: skip + m[0].length });
  let m = DATE_MDY.exec(text);
  if (m && monthOf(m[1] ?? '') >= 0) {
    const day = dayIndex(Number(m[3]), monthOf(m[1] ?? ''), Number(m[2]));
    const hm = hour(Number(m[4]), m[6]) * 60 + Number(m[5]);
    return done({ kind: 'clock', minutes: day * 1440 + hm, hasDay: true, hm }, m);
  }
  m = DATE_DMY.exec(text);
  if (m && monthOf(m[2] ?? '') >= 0) {
    const day = dayIndex(Number(m[3]), monthOf(m[2] ?? ''), Number(m[1]));
    const hm = hour(Number(m[4]), m[6]) * 60 + Number(m[5]);
    return done({ kind: 'clock', minutes: day * 1440 + hm, hasDay: true, hm }, m);
  }
  m = DATE_ISO.exec(text);
  if (m) {
    const day = dayIndex(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const hm = Number(m[4]) * 60 + Number(m[5]);
    return done({ kind: 'clock', minutes: day * 1440 + hm, hasDay: true, hm }, m);
  }
  m = DAY_CLOCK.exec(text);
  if (m) {
    const n = Number(m[1]);
    if (n < 1) return undefined;
    const hm = m[2] !== undefined ? hour(Number(m[2]), m[4]) * 60 + Number(m[3] ?? 0) : 0;
    return done({ kind: 'clock', minutes: (n - 1) * 1440 + hm, hasDay: true, hm }, m);
  }
  m = OFFSET_HM.exec(text);
  if (m) return done({ kind: 'offset', ms: (Number(m[1]) * 60 + Number(m[2])) * 60_000 }, m);
  m = H_PLUS.exec(text);
  if (m) return done({ kind: 'offset', ms: Math.round(Number(m[1]) * 3_600_000) }, m);
  m = OFFSET.exec(text);
  if (m) {
    const unit = unitMs(m[2]) ?? 60_000;
    const extra = m[3] !== undefined ? Number(m[3]) * 60_000 : 0;
    return done({ kind: 'offset', ms: Math.round(Number(m[1]) * unit) + extra }, m);
  }
  m = T_ZERO.exec(text);
  if (m) return done({ kind: 'offset', ms: 0 }, m);
  m = CLOCK.exec(text);
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
    const hm = hour(Number(m[1]), m[3]) * 60 + Number(m[2]);
    return done({ kind: 'clock', minutes: hm, hasDay: false, hm }, m);
  }
  m = CLOCK_AMPM.exec(text);
  if (m && Number(m[1]) <= 12) {
    const hm = hour(Number(m[1]), m[2]) * 60;
    return done({ kind: 'clock', minutes: hm, hasDay: false, hm }, m);
  }
  return undefined;
}

const BARE_DURATION = /^(\d+(?:\.\d+)?)\s*(min(?:ute)?s?|m|hours?|hrs?|h)?\.?$/i;

/** A cell of a time column: a time, or a bare duration ("15 min", "45") counted from the start. */
export function columnTime(text: string): TimeToken | undefined {
  const whole = wholeTime(text);
  if (whole) return whole;
  const m = BARE_DURATION.exec(text.replace(/[*_`]/g, '').trim());
  if (!m) return undefined;
  return { kind: 'offset', ms: Math.round(Number(m[1]) * (unitMs(m[2]) ?? 60_000)) };
}

/** A whole cell or label that is a time and nothing else ("T+15", "09:30", "Day 2 09:00"). */
export function wholeTime(text: string): TimeToken | undefined {
  const t = text.replace(/[*_`]/g, '').trim();
  const hit = leadingTime(t);
  if (!hit) return undefined;
  const rest = t.slice(hit.length).trim();
  return rest === '' || /^(\(.*\)|UTC|GMT|Z|local|[A-Z]{2,4}T)$/i.test(rest) ? hit.token : undefined;
}

// "(15 minutes)", "(10-15 min)", "– 20 mins", "[30m]" in a heading: how long a phase lasts.
const DURATION = /[([–—-]\s*(?:~\s*)?(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*(min(?:ute)?s?|m|hours?|hrs?|h)\b\s*(?:[)\]]|$)/i;

/** The duration a heading gives its phase, in ms (the upper bound of a range); undefined when none. */
export function headingDuration(title: string): number | undefined {
  const m = DURATION.exec(title);
  if (!m) return undefined;
  const unit = unitMs(m[3]) ?? 60_000;
  return Math.round(Number(m[2] ?? m[1]) * unit);
}

export function stripDuration(title: string): string {
  return title.replace(DURATION, '').replace(/\s*[–—-]\s*$/, '').trim();
}

/**
 * Turns each inject's time into an offset from T+0. Offsets stay; clock points count from the
 * first clock point (a clock earlier than the one before it has crossed midnight). Clock points
 * mixed with offsets ("T0", "T+2h", "Day 2 09:00") are read against a 09:00 start on day 1
 * unless the day-1 clock is given, and never run backwards.
 */
export function resolveTimes(tokens: ReadonlyArray<TimeToken | undefined>): Array<number | undefined> {
  const hasOffsets = tokens.some((t) => t?.kind === 'offset');
  const clocks = tokens.filter((t): t is Extract<TimeToken, { kind: 'clock' }> => t?.kind === 'clock');
  if (!hasOffsets) {
    const first = clocks[0];
    if (!first) return tokens.map(() => undefined);
    const base = first.minutes;
    let prev = first.minutes;
    let wrap = 0;
    return tokens.map((t) => {
      if (t?.kind !== 'clock') return undefined;
      if (!t.hasDay && t.minutes + wrap < prev) wrap += 1440;
      const abs = t.minutes + (t.hasDay ? 0 : wrap);
      prev = abs;
      return Math.max(0, abs - base) * 60_000;
    });
  }
  const dayOneStart = clocks.find((c) => c.hasDay && c.minutes < 1440)?.minutes ?? 9 * 60;
  let prev = 0;
  return tokens.map((t) => {
    if (t === undefined) return undefined;
    let ms: number;
    if (t.kind === 'offset') ms = t.ms;
    else if (t.hasDay && t.minutes < 100_000) ms = Math.max(prev, (t.minutes - dayOneStart) * 60_000);
    else if (!t.hasDay) ms = t.hm * 60_000;
    else ms = prev;
    prev = Math.max(prev, ms);
    return ms;
  });
}
