import type { Sla } from './model';

const UNIT_MINUTES: ReadonlyArray<[RegExp, number]> = [
  [/^(s|sec|secs|second|seconds)$/, 1 / 60],
  [/^(m|min|mins|minute|minutes|mn)$/, 1],
  [/^(h|hr|hrs|hour|hours)$/, 60],
  [/^(d|day|days|business days?|working days?|calendar days?)$/, 1440],
  [/^(w|wk|wks|week|weeks|business weeks?)$/, 10080],
  [/^(mo|month|months)$/, 43200],
];

const DURATION = /(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:[.,]\d+)?))?\s*(business days?|working days?|calendar days?|seconds?|secs?|minutes?|mins?|mn|hours?|hrs?|days?|weeks?|wks?|months?|mo|[smhdw])\b/i;
const IMMEDIATE = /\b(immediate(ly)?|asap|as soon as possible|right away|at once|now)\b/i;
const NOT_APPLICABLE = /^(n\/?a|none|-+|—|tbd|no|not applicable)$/i;

function unitMinutes(unit: string): number | undefined {
  const u = unit.toLowerCase();
  for (const [re, m] of UNIT_MINUTES) if (re.test(u)) return m;
  return undefined;
}

/** Minutes in the first duration of `text`; the upper bound of a range ("15-30 min" -> 30). */
export function durationMinutes(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, a, b, unit] = m;
  if (a === undefined || unit === undefined) return undefined;
  const per = unitMinutes(unit);
  if (per === undefined) return undefined;
  const n = Number((b ?? a).replace(',', '.'));
  return Math.round(n * per * 100) / 100;
}

export function hasDuration(text: string): boolean {
  return DURATION.test(text) || IMMEDIATE.test(text);
}

/**
 * An SLA from a phrase as written: "< 15 minutes", "Within 48 hours", "immediate" (0),
 * "Next scheduled cycle" (minutes null). Null when there is no phrase at all.
 */
export function parseSla(raw: string): Sla | null {
  const text = raw.replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  if (text === '' || NOT_APPLICABLE.test(text)) return null;
  const minutes = durationMinutes(text);
  if (minutes !== undefined) return { text, minutes };
  if (IMMEDIATE.test(text)) return { text, minutes: 0 };
  return { text, minutes: null };
}

/** "15 min / 4 hours" -> [response, resolution]; a single phrase is the response SLA. */
export function parseSlaPair(raw: string): [Sla | null, Sla | null] {
  const parts = raw.split(/\s+(?:\/|\||;)\s+|\s*\/\s*(?=\d|next|immediate|within|best|n\/a)/i);
  if (parts.length >= 2) return [parseSla(parts[0] ?? ''), parseSla(parts.slice(1).join(' / '))];
  return [parseSla(raw), null];
}
