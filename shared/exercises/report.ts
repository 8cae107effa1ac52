import { formatExerciseTime } from './exercise-time';
import type { Scenario } from './scenario';
import type { InjectState, ScoreReport } from './score';
import { objectivesOf, ratingLabels, type CarriedItem, type ReviewRecord } from './review';
import { actionItemStatusLabels, applyActionItems, type ActionItem } from '../postmortem/action-items';
import { cell as tableCell, utc } from '../postmortem/format';

// The after-action report, in Markdown. The PDF is this text through the post-mortem's printer
// (so what is Markdown here, inject text included, is rendered there, never shown raw).
// Sections: summary, automatic score (with the checklist beside it), objectives with the
// evaluator's assessment, each inject with its discussion questions and the team's decisions,
// the hot wash, the improvement plan (this run's action items and those carried from earlier
// runs), earlier runs, facilitator notes.

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
  commander?: string | null;
  /** The exercise incident's chain head when the report was written: pins it to the log. */
  chainHead?: string;
  score: ScoreReport;
  /** The injects as played (edited text included). */
  injects?: readonly InjectState[];
  review?: ReviewRecord;
  /** This run's improvement plan: the exercise incident's action items. */
  plan?: readonly ActionItem[];
  carried?: readonly CarriedItem[];
  notes: string;
  previous: readonly PreviousRun[];
}

const t = (ms: number | null) => (ms === null ? '—' : formatExerciseTime(ms));
const dur = (ms: number | null) => (ms === null ? 'not reached' : formatExerciseTime(ms).replace(/^T\+/, ''));
const statusLabel = { hit: 'HIT', late: 'LATE', missed: 'MISSED', pending: 'pending', not_played: 'not played', assess: 'for the evaluator' } as const;
const row = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
const head = (cells: readonly string[]) => [row(cells), `| ${cells.map(() => '---').join(' | ')} |`];
/** Text typed by people, kept as Markdown but unable to open a heading or break the list it sits in. */
const quote = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function afterActionMarkdown(r: ReportInput): string {
  const s = r.score;
  const review: ReviewRecord = r.review ?? { decisions: [], assessments: {}, hotWash: [] };
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push(`# After-action report: ${r.scenario.title}`, '');
  push('> EXERCISE — a tabletop exercise, not a real incident. Exercises are never counted in incident metrics.', '');
  push(`- Exercise: ${r.exerciseId}`);
  push(`- Incident: ${r.incidentId}`);
  push(`- Playbook: ${r.playbookId ?? 'none'}`);
  if (r.commander !== undefined) push(`- Commander: ${r.commander ?? 'none named'}`);
  push(`- Started: ${r.startedAt ? utc(r.startedAt) : 'not started'}`);
  push(`- Finished: ${r.finishedAt ? utc(r.finishedAt) : 'still running'}`);
  push(`- Exercise time elapsed: ${dur(s.elapsedMs)}`);
  if (r.chainHead) push(`- Chain head: \`${r.chainHead}\``);
  push('');

  push('## Summary', '', r.scenario.summary.trim(), '');

  push('## Score', '');
  push(
    `**Score: ${s.score}/100** — expected actions done on time: ${s.actions.hit} of ${s.actions.total}` +
      (s.actions.late > 0 ? `, ${s.actions.late} late` : '') +
      `, ${s.actions.missed} missed` +
      (s.actions.pending > 0 ? `, ${s.actions.pending} still waiting` : '') +
      '.',
    '',
  );
  push(
    `The score counts only the expected actions the record can judge, each by its deadline in exercise time.` +
      (s.actions.assess > 0 ? ` ${s.actions.assess} expectation${s.actions.assess === 1 ? ' is' : 's are'} about what a note says: left to the evaluator, not scored.` : '') +
      ' The figures below are shown beside the score, not mixed into it.',
    '',
  );
  push(...head(['Measure', 'Exercise time']));
  push(row(['Time to detect (first severity call or phase)', dur(s.durations.toDetect)]));
  push(row(['Time to contain', dur(s.durations.toContain)]));
  push(row(['Time to resolve', dur(s.durations.toResolve)]));
  push(row(['Checklist completion (not scored)', `${s.checklist.done} of ${s.checklist.total}${s.checklist.total > 0 ? ` (${Math.round((s.checklist.done / s.checklist.total) * 100)}%)` : ''}`]), '');

  push('## Objectives', '');
  const objectives = objectivesOf(r.scenario, s, review);
  if (objectives.length === 0) push('_The scenario states no objectives._', '');
  else {
    push(...head(['#', 'Objective', 'From the record', 'Evaluator’s assessment', 'Note']));
    for (const o of objectives) {
      const auto = o.automatic ? (o.automatic.reached ? `reached at ${t(o.automatic.atMs)}` : 'not reached') : 'a matter of judgement';
      push(row([o.id, o.description, auto, o.assessment ? `${ratingLabels[o.assessment.rating]} (${o.assessment.actor})` : 'not assessed yet', o.assessment?.note ?? '—']));
    }
    push('');
  }

  push('## Injects', '');
  s.injects.forEach((inj, i) => {
    const def = r.scenario.injects.find((d) => d.id === inj.injectId);
    const played = r.injects?.find((x) => x.id === inj.injectId);
    const when = inj.status === 'fired' ? `fired at ${t(inj.firedAtMs)}` : inj.status === 'skipped' ? 'skipped' : 'not played';
    push(`### ${i + 1}. ${oneLine(inj.title)} (${when})`, '');
    const audience = played?.audience ?? def?.audience ?? 'all';
    if (audience.toLowerCase() !== 'all') push(`For: ${oneLine(audience)}`, '');
    const text = played?.text ?? def?.text ?? '';
    if (text.trim() !== '') push(quote(text), '');
    push('**Discussion questions**', '');
    const questions = def?.questions ?? [];
    if (questions.length === 0) push('_None in the scenario._', '');
    else push(...questions.map((q, k) => `${k + 1}. ${oneLine(q)}`), '');
    push('**What the team decided**', '');
    const decisions = review.decisions.filter((d) => d.injectId === inj.injectId);
    if (decisions.length === 0) push('_No decision recorded._', '');
    else push(...decisions.map((d) => `- ${t(d.atMs)} — ${oneLine(d.text)} (recorded by ${d.actor})`), '');
    if (inj.expectations.length > 0) {
      push('**Expected actions**', '');
      push(...head(['Expected action', 'Deadline', 'Response', 'Result']));
      for (const e of inj.expectations) {
        const result = e.status === 'assess' ? (e.candidate ? `for the evaluator: “${oneLine(e.candidate).slice(0, 200)}”` : 'for the evaluator: no candidate note') : statusLabel[e.status];
        push(row([e.description, dur(e.deadlineMs), e.responseMs === null ? '—' : dur(e.responseMs), result]));
      }
      push('');
    }
  });

  push('## Hot wash', '');
  for (const [category, title] of [
    ['went_well', 'What went well'],
    ['to_improve', 'What to improve'],
  ] as const) {
    push(`### ${title}`, '');
    const points = review.hotWash.filter((p) => p.category === category);
    if (points.length === 0) push('_Nothing captured._', '');
    else push(...points.map((p) => `- ${oneLine(p.text)} (${p.actor})`), '');
  }

  push('## Improvement plan', '');
  push('Each action has an owner and a due date; the plan is carried into the next run of this scenario and shown there.', '');
  push('### Action items', '', '', '');
  push('### Carried from earlier runs', '');
  const carried = r.carried ?? [];
  if (carried.length === 0) push('_Nothing carried: this is the first run of this scenario with an improvement plan._', '');
  else {
    push(...head(['Action', 'Owner', 'Due', 'Status', 'From the run started']));
    for (const c of carried) push(row([c.title, c.owner ?? 'Unassigned', c.dueDate ?? '—', actionItemStatusLabels[c.status], c.runStartedAt ? utc(c.runStartedAt) : 'not started']));
    push('');
  }

  push('## Earlier runs of this scenario', '');
  if (r.previous.length === 0) push('This is the first run of this scenario.', '');
  else {
    push(...head(['Started', 'Score', 'Actions hit', 'Finished']));
    for (const p of r.previous) push(row([p.startedAt ? utc(p.startedAt) : 'not started', String(p.score), `${p.hit} of ${p.total}`, p.finished ? 'yes' : 'no']));
    push(`| **This run** | **${s.score}** | **${s.actions.hit} of ${s.actions.total}** | ${s.finished ? 'yes' : 'no'} |`, '');
  }
  push('## Facilitator notes', '', r.notes.trim() === '' ? '_None._' : r.notes.trim(), '');
  const text = `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
  return applyActionItems(text, r.plan ?? []);
}
