import type { PostmortemSource } from '../postmortem/source';

// A customer notice carries no internal detail: no addresses, hostnames, usernames, file paths
// or the names of the people and systems on the record. This finds what would leak, so the
// draft leaves such a value out and the panel warns about what the user typed in.

const PATTERNS: readonly RegExp[] = [
  /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?\b/g,
  /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi,
  /[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|local|lan|corp|intra|intranet|priv|private|localdomain|svc|cluster)\b/gi,
  // host-ish names: words joined by hyphens with a digit in them ("db-prod-3", "web-01").
  /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+\b/gi,
  /(?:^|\s)(?:~|\.{1,2})?(?:\/[\w.-]+){2,}/g,
  /\b[A-Za-z]:\\[^\s]+/g,
];

/** Names the record knows to be internal: the people on it, and values given to containment actions. */
function recordNames(source: PostmortemSource): string[] {
  const names = new Set<string>();
  for (const e of source.events) {
    names.add(e.actor);
    if (e.effectivePayload === null) continue;
    if (e.kind === 'role_assigned' && e.effectivePayload.person !== null) names.add(e.effectivePayload.person);
    if (e.kind === 'script_started') for (const v of Object.values(e.effectivePayload.params ?? {})) names.add(v);
    if (e.kind === 'evidence_added') names.add(e.effectivePayload.name);
  }
  for (const c of source.playbook?.contacts ?? []) if (/@|\d{3}/.test(c.value)) names.add(c.value);
  return [...names].filter((n) => n.trim().length >= 3);
}

/** The internal details `text` holds, each once, in the order found (at most 12). */
export function internalDetails(text: string, source: PostmortemSource | null): string[] {
  const found: string[] = [];
  const add = (s: string) => {
    const t = s.trim();
    if (t !== '' && !found.includes(t)) found.push(t);
  };
  for (const re of PATTERNS) for (const m of text.matchAll(re)) add(m[0]);
  if (source) {
    const lower = text.toLowerCase();
    for (const name of recordNames(source)) if (lower.includes(name.toLowerCase())) add(name);
  }
  return found.slice(0, 12);
}
