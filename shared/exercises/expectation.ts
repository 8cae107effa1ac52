import { parseExerciseTime } from './exercise-time';
import type { ExpectedAction } from './scenario';

// "Expected: severity SEV1 within 10m; phase containment" lines: the expected actions the
// exercise console can check against the timeline.

const kindWords: [RegExp, ExpectedAction['kind']][] = [
  [/^sev(erity)?$/i, 'severity_changed'],
  [/^phase$/i, 'phase_changed'],
  [/^status$/i, 'status_changed'],
  [/^note$/i, 'note'],
  [/^role$/i, 'role_assigned'],
  [/^(script|action|run)$/i, 'script_started'],
  [/^(checklist|tick)$/i, 'checklist_item_set'],
];

/** "severity SEV1 within 15m" -> an expected action and deadline; null when not understood. */
export function parseExpectation(text: string): { action: ExpectedAction; deadline: number } | null {
  const m = /^\s*([A-Za-z_]+)\s*(?:(?:to|=|:)\s*)?([^\s]+?)?\s*(?:(?:within|in|by)\s+(.+?))?\s*$/i.exec(text.replace(/[“”"]/g, ''));
  if (!m) return null;
  const kind = kindWords.find(([re]) => re.test(m[1] ?? ''))?.[1];
  if (!kind) return null;
  const raw = m[2] && !/^(within|in|by)$/i.test(m[2]) ? m[2] : undefined;
  const deadline = m[3] ? parseExerciseTime(m[3]) : 15 * 60_000;
  if (deadline === null) return null;
  const value = raw?.replace(/[.,;]$/, '');
  let action: ExpectedAction;
  switch (kind) {
    case 'severity_changed':
      action = value ? { kind, severity: value } : { kind };
      break;
    case 'phase_changed':
      action = value ? { kind, phase: value } : { kind };
      break;
    case 'status_changed': {
      if (value && !['active', 'mitigated', 'resolved', 'closed'].includes(value.toLowerCase())) return null;
      action = value ? { kind, status: value.toLowerCase() as 'active' } : { kind };
      break;
    }
    case 'note':
      action = value ? { kind, contains: value } : { kind };
      break;
    case 'role_assigned':
      action = value ? { kind, role: value } : { kind };
      break;
    case 'script_started':
      action = value ? { kind, action: value } : { kind };
      break;
    case 'checklist_item_set':
      action = value ? { kind, item: value } : { kind };
      break;
  }
  return { action, deadline };
}
