import { formatExerciseTime, type Scenario } from './scenario';
import type { ScoreReport } from './score';

// The after-action report, in Markdown. The PDF is this text through the post-mortem's printer.

export interface PreviousRun {
  exerciseId: string;
  startedAt: string | null;
  score: number;
  hit: number;
  total: number;
  finished: boolean;
}

export interface ReportInput {
  scenario: Scenario;
  exerciseId: string;
  incidentId: string;
  playbookId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  score: ScoreReport;
  notes: string;
  previous: readonly PreviousRun[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const t = (ms: number | null) => (ms === null ? '—' : formatExerciseTime(ms));
const dur = (ms: number | null) => (ms === null ? 'not reached' : formatExerciseTime(ms).replace(/^T\+/, ''));
const statusLabel = { hit: 'HIT', late: 'LATE', missed: 'MISSED', pending: 'pending', not_played: 'not played' } as const;

export function afterActionMarkdown(r: ReportInput): string {
  const s = r.score;
  const lines: string[] = [];
  lines.push(`# After-action report: ${r.scenario.title}`, '');
  lines.push('> EXERCISE — a tabletop exercise, not a real incident. Exercises are never counted in incident metrics.', '');
  lines.push(`- Exercise: ${r.exerciseId}`);
  lines.push(`- Incident: ${r.incidentId}`);
  lines.push(`- Playbook: ${r.playbookId ?? 'none'}`);
  lines.push(`- Started: ${r.startedAt ?? 'not started'}`);
  lines.push(`- Finished: ${r.finishedAt ?? 'still running'}`);
  lines.push(`- Exercise time elapsed: ${dur(s.elapsedMs)}`, '');
  lines.push('## Score', '');
  lines.push(`**Score: ${s.score}/100** — expected actions hit ${s.actions.hit} of ${s.actions.total}` + (s.actions.late > 0 ? ` (${s.actions.late} late)` : '') + `, missed ${s.actions.missed}.`, '');
  lines.push('| Measure | Exercise time |', '| --- | --- |');
  lines.push(`| Time to detect (first severity call or phase) | ${dur(s.durations.toDetect)} |`);
  lines.push(`| Time to contain | ${dur(s.durations.toContain)} |`);
  lines.push(`| Time to resolve | ${dur(s.durations.toResolve)} |`);
  lines.push(`| Checklist completion | ${s.checklist.done} of ${s.checklist.total}${s.checklist.total > 0 ? ` (${Math.round((s.checklist.done / s.checklist.total) * 100)}%)` : ''} |`, '');
  lines.push('## Injects and expected actions', '');
  lines.push('| Inject | Fired at | Expected action | Deadline | Response | Result |', '| --- | --- | --- | --- | --- | --- |');
  for (const inj of s.injects) {
    if (inj.expectations.length === 0) {
      lines.push(`| ${cell(inj.title)} | ${inj.status === 'fired' ? t(inj.firedAtMs) : inj.status} | — | — | — | — |`);
      continue;
    }
    for (const e of inj.expectations) {
      lines.push(
        `| ${cell(inj.title)} | ${inj.status === 'fired' ? t(inj.firedAtMs) : inj.status} | ${cell(e.description)} | ${dur(e.deadlineMs)} | ${e.responseMs === null ? '—' : dur(e.responseMs)} | ${statusLabel[e.status]} |`,
      );
    }
  }
  lines.push('');
  if (s.outcomes.length > 0) {
    lines.push('## Expected outcomes', '');
    for (const o of s.outcomes) lines.push(`- [${o.reached ? 'x' : ' '}] ${o.description}${o.atMs !== null ? ` (at ${t(o.atMs)})` : ''}`);
    lines.push('');
  }
  lines.push('## Earlier runs of this scenario', '');
  if (r.previous.length === 0) lines.push('This is the first run of this scenario.', '');
  else {
    lines.push('| Started | Score | Actions hit | Finished |', '| --- | --- | --- | --- |');
    for (const p of r.previous) lines.push(`| ${p.startedAt ?? 'not started'} | ${p.score} | ${p.hit} of ${p.total} | ${p.finished ? 'yes' : 'no'} |`);
    lines.push(`| **This run** | **${s.score}** | **${s.actions.hit} of ${s.actions.total}** | ${s.finished ? 'yes' : 'no'} |`, '');
  }
  lines.push('## Facilitator notes', '', r.notes.trim() === '' ? '_None._' : r.notes.trim(), '');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
