import type { Sla } from './model';
import { parseSla, parseSlaPair } from './sla';

/** A severity level while it is being assembled from one or more places in the document. */
export interface LevelDraft {
  label: string;
  code: string;
  name: string;
  number: number | undefined;
  strong: boolean;
  description: string;
  examples: string[];
  responseSla: Sla | null;
  resolutionSla: Sla | null;
  notify: string[];
  line: number;
}

export function appendText(a: string, b: string): string {
  const t = b.trim();
  if (t === '') return a;
  return a === '' ? t : `${a} ${t}`;
}

export type FieldTarget = 'examples' | 'response' | 'resolution' | 'pair' | 'notify' | 'description' | 'other';

/** Which level attribute a label such as "Response Time" or "Who to notify" feeds. */
export function fieldTarget(label: string): FieldTarget {
  const l = label.toLowerCase();
  if (/example/.test(l)) return 'examples';
  if (/respon\w*\s*(\/|&|and)\s*resol|sla\s*\(.*\/.*\)/.test(l)) return 'pair';
  if (/resol|time to (fix|restore|resolve)|restor|fix time|mitigat|remediat/.test(l)) return 'resolution';
  if (/respon|acknowledg|\back\b|reaction|engage|first contact|time to respond/.test(l)) return 'response';
  if (/\bsla\b|target time|deadline/.test(l)) return 'pair';
  if (/escalat|notif|notify|contact|\bpage\b|paging|inform|who\b|stakeholder|communicat/.test(l)) return 'notify';
  if (/desc|defin|meaning|impact|criteria|summary|what|when|characteristic|\btype\b|scope|condition|symptom/.test(l)) return 'description';
  return 'other';
}

/** Applies one labelled value; false when the label meant nothing to a level. */
export function applyLevelField(d: LevelDraft, label: string, value: string): boolean {
  const target = fieldTarget(label);
  switch (target) {
    case 'examples':
      if (value !== '') d.examples.push(value);
      return true;
    case 'response':
      d.responseSla = d.responseSla ?? parseSla(value);
      return true;
    case 'resolution':
      d.resolutionSla = d.resolutionSla ?? parseSla(value);
      return true;
    case 'pair': {
      const [r, s] = parseSlaPair(value);
      d.responseSla = d.responseSla ?? r;
      d.resolutionSla = d.resolutionSla ?? s;
      return true;
    }
    case 'notify':
      if (value !== '') d.notify.push(value);
      return true;
    case 'description':
      d.description = appendText(d.description, value);
      return true;
    default:
      return false;
  }
}

// "Response: 15 min, resolution within 4 hours" written inside a description.
const INLINE = /\b(respon\w*|acknowledg\w*|resol\w*|fix\w*|restor\w*)\b[^.;:]{0,20}?(?::|\bwithin\b|\bin\b|<|≤|\bunder\b)\s*((?:<|≤|under|within)?\s*\d+(?:\.\d+)?\s*(?:minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b)/gi;

export function inlineSlas(d: LevelDraft, text: string): void {
  for (const m of text.matchAll(INLINE)) {
    const which = (m[1] ?? '').toLowerCase();
    const sla = parseSla(m[2] ?? '');
    if (/^(respon|acknowledg)/.test(which)) d.responseSla = d.responseSla ?? sla;
    else d.resolutionSla = d.resolutionSla ?? sla;
  }
}
