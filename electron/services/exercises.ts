import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../shared/ipc/result';
import type { Stamped } from './actor';
import type { ExerciseListItem, ExerciseView, ScenarioImportOutput, ScenarioListItem } from '../../shared/ipc/exercise-contract';
import type { ExportOutput } from '../../shared/ipc/postmortem-contract';
import { controlClock, exerciseTimeAt, newClock, type ClockState } from '../../shared/exercises/clock';
import { importMarkdownScenario } from '../../shared/exercises/import-markdown';
import { afterActionMarkdown, type PreviousRun } from '../../shared/exercises/report';
import { parseScenarioYaml, scenarioToInput, type Scenario } from '../../shared/exercises/scenario';
import { readStoredScenario, type StoredScenario } from '../../shared/exercises/stored';
import { dueNow, initialInjectStates, resolveDue } from '../../shared/exercises/schedule';
import { scoreExercise, type InjectState, type ScoredEvent, type ScoreReport } from '../../shared/exercises/score';
import { postmortemHtml } from '../../shared/postmortem/html';
import { actionItemsFrom } from '../../shared/postmortem/action-items';
import { objectiveIds, objectivesOf, reviewFrom, type CarriedItem, type ReviewEvent } from '../../shared/exercises/review';
import type { EventBody } from '../../shared/events/payloads';
import { effectiveBody } from '../../shared/events/views';
import { destinationOf, recordExport } from './export/record';
import { slugify } from '../../shared/playbook/slug';
import { errorShape } from '../store/error-shape';
import { sha256Hex } from '../store/hash';
import { uuidv7 } from '../store/ids';
import type { ExerciseRow } from '../store/exercise-repo';
import type { Store } from '../store/store';
import type { WriteTx } from '../store/store-writer';
import type { PdfRenderer } from './export/pdf-renderer';
import { loadPostmortemSource } from './export/source';
import type { IncidentService } from './incidents';
import type { Logger } from './logger';
import type { PushBus } from './push-bus';

// Tabletop exercises in the main process. Starting one declares an incident of kind 'exercise'
// (through the incident service, so it is an incident like any other, on its own hash chain,
// never counted in real-incident metrics) and keeps an exercise row beside it: the scenario as
// started, the exercise clock, the injects' states and the facilitator's notes. A timer fires
// due injects as `inject` events on the incident's timeline, where the participants see them.

export interface ExerciseServiceDeps {
  withStore<T>(fn: (store: Store) => T): T;
  isUnlocked(): boolean;
  incidents: Pick<IncidentService, 'declare'>;
  bus: PushBus;
  logger: Logger;
  now: () => number;
  pdf: PdfRenderer | null;
  /** resources/exercises: the built-in scenarios (*.yaml); null for none. */
  builtinDir: string | null;
  /** "id" -> the pinned "id:version" of the library's latest version; null when there is no such playbook. */
  resolvePlaybook(id: string): string | null;
  /** Runs `fn` every `ms`; returns the stop function. Tests pass none and call tick() themselves. */
  schedule?: (fn: () => void, ms: number) => () => void;
  tickMs?: number;
}

type Row = ExerciseRow;

interface Loaded {
  row: Row;
  scenario: Scenario;
  clock: ClockState;
  injects: InjectState[];
}

const timerActor = 'Exercise control';

export function loadBuiltinScenarios(dir: string | null, logger?: Logger): Scenario[] {
  if (!dir) return [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch {
    logger?.warn(`exercises: no built-in scenarios in ${dir}`);
    return [];
  }
  const out: Scenario[] = [];
  for (const f of files) {
    const parsed = parseScenarioYaml(readFileSync(join(dir, f), 'utf8'));
    if (parsed.ok) out.push(parsed.scenario);
    else logger?.warn(`exercises: ${f} is not a valid scenario: ${parsed.errors.slice(0, 3).join('; ')}`);
  }
  return out;
}

export function createExerciseService(deps: ExerciseServiceDeps) {
  const { bus, now } = deps;
  let builtins: Scenario[] | null = null;
  const builtin = () => (builtins ??= loadBuiltinScenarios(deps.builtinDir, deps.logger));

  /** Imported scenarios as stored, each read back through the schema; a row that fails says why. */
  const importedRows = (store: Store): StoredScenario[] => store.exercises.importedScenarios().map((row) => readStoredScenario(row.id, row.scenario));

  const imported = (store: Store): Scenario[] => importedRows(store).flatMap((r) => (r.scenario ? [r.scenario] : []));

  const findScenario = (store: Store, id: string): Scenario => {
    const broken = importedRows(store).find((r) => r.id === id && r.scenario === null);
    if (broken && !builtin().some((s) => s.id === id)) throw new CordonError('bad_input', `The scenario “${broken.title}” cannot be run: ${broken.errors.slice(0, 3).join('; ')}`);
    const found = builtin().find((s) => s.id === id) ?? imported(store).find((s) => s.id === id);
    if (!found) throw new CordonError('not_found', `There is no exercise scenario “${id}”.`);
    return found;
  };

  const load = (store: Store, exerciseId: string): Loaded => {
    const row = store.exercises.get(exerciseId);
    if (!row) throw new CordonError('not_found', 'There is no such exercise.');
    return { row, scenario: JSON.parse(row.scenario) as Scenario, clock: JSON.parse(row.clock) as ClockState, injects: JSON.parse(row.injects) as InjectState[] };
  };

  /** Writes the exercise's row; the caller says so on exercise.changed once the write has committed. */
  const save = (store: Store, tx: WriteTx, ex: Loaded, notes?: string) =>
    store.exercises.update(tx, ex.row.id, { clock: JSON.stringify(ex.clock), injects: JSON.stringify(ex.injects), notes: notes ?? null, at: new Date(now()).toISOString() });
  const saidChanged = (row: Row) => bus.publish({ topic: 'exercise.changed', exerciseId: row.id, incidentId: row.incident_id });

  const eventsOf = (store: Store, incidentId: string): (ScoredEvent & ReviewEvent)[] => {
    const summary = store.log.summary(incidentId);
    return store.log
      .page(incidentId, 0, summary.eventCount + 1)
      .events.map((e) => ({ ...effectiveBody(e), actor: e.actor, recordedAt: e.recordedAt }));
  };

  /** Earlier runs of the same scenario, oldest first. */
  const earlierRuns = (store: Store, ex: Loaded): Row[] => store.exercises.earlierRuns(ex.row);

  /** The improvement plans of earlier runs, carried into this one (latest run's first). */
  const carriedInto = (store: Store, ex: Loaded): CarriedItem[] =>
    earlierRuns(store, ex)
      .reverse()
      .flatMap((row) => {
        const clock = JSON.parse(row.clock) as ClockState;
        return actionItemsFrom(loadPostmortemSource(store, row.incident_id).events).map((item) => ({
          title: item.title,
          owner: item.owner,
          dueDate: item.dueDate,
          status: item.status,
          exerciseId: row.id,
          runStartedAt: clock.startedAt,
        }));
      });

  /** Appends the inject to the incident's timeline and marks it fired, at exercise time now. */
  const fireOne = (tx: WriteTx, ex: Loaded, injectId: string, actor: string): void => {
    const st = ex.injects.find((i) => i.id === injectId);
    if (!st) throw new CordonError('not_found', `This exercise has no inject “${injectId}”.`);
    if (st.status !== 'pending') throw new CordonError('conflict', `The inject “${st.title}” was already ${st.status}.`);
    const text = st.audience && st.audience.toLowerCase() !== 'all' ? `For: ${st.audience}\n\n${st.text}` : st.text;
    const { event } = tx.append({
      incidentId: ex.row.incident_id,
      actor,
      body: { kind: 'inject', payload: { title: st.title.slice(0, 200), text: text.slice(0, 20_000), injectId } },
    });
    const wall = Date.parse(event.recordedAt);
    ex.injects = ex.injects.map((i) =>
      i.id === injectId ? { ...i, status: 'fired', firedAtMs: exerciseTimeAt(ex.clock, Math.max(wall, now())), firedAtWall: event.recordedAt, eventId: event.id } : i,
    );
  };

  /** Fires what is due now (and what that makes due, for `after` chains). True when something changed. */
  const advance = (store: Store, tx: WriteTx, ex: Loaded): boolean => {
    if (!ex.clock.running) return false;
    let changed = false;
    for (let guard = 0; guard < ex.injects.length + 1; guard++) {
      const needsEvents = ex.injects.some((i) => i.status === 'pending' && i.dueMs === null);
      if (needsEvents) {
        const before = JSON.stringify(ex.injects);
        ex.injects = resolveDue(ex.scenario, ex.injects, eventsOf(store, ex.row.incident_id), ex.clock);
        if (JSON.stringify(ex.injects) !== before) changed = true;
      }
      const due = dueNow(ex.injects, exerciseTimeAt(ex.clock, now()));
      if (due.length === 0) break;
      for (const d of due) fireOne(tx, ex, d.id, timerActor);
      changed = true;
    }
    return changed;
  };

  const checklistOf = (store: Store, incidentId: string) => {
    const source = loadPostmortemSource(store, incidentId);
    const total = source.playbook?.phases.reduce((n, p) => n + p.items.length, 0) ?? 0;
    const done = Object.values(source.state.checklist).filter((c) => c.done).length;
    const phaseNames = Object.fromEntries((source.playbook?.phases ?? []).map((p) => [p.key, p.name]));
    return { checklist: { done, total }, phaseNames, source };
  };

  const scoreOf = (store: Store, ex: Loaded): ScoreReport => {
    const { checklist, phaseNames } = checklistOf(store, ex.row.incident_id);
    return scoreExercise({ scenario: ex.scenario, injects: ex.injects, events: eventsOf(store, ex.row.incident_id), clock: ex.clock, now: now(), checklist, phaseNames });
  };

  const viewOf = (store: Store, ex: Loaded): ExerciseView => {
    const at = now();
    const score = scoreOf(store, ex);
    const source = loadPostmortemSource(store, ex.row.incident_id);
    const review = reviewFrom(eventsOf(store, ex.row.incident_id), ex.clock);
    return {
      id: ex.row.id,
      incidentId: ex.row.incident_id,
      scenario: ex.scenario,
      playbookId: ex.row.playbook_id,
      clock: ex.clock,
      nowMs: exerciseTimeAt(ex.clock, at),
      at,
      injects: ex.injects,
      notes: ex.row.notes,
      score,
      createdAt: ex.row.created_at,
      createdBy: ex.row.created_by,
      commander: source.state.roles.commander?.person ?? null,
      review,
      objectives: objectivesOf(ex.scenario, score, review),
      plan: actionItemsFrom(source.events),
      carried: carriedInto(store, ex),
    };
  };

  /** Appends one review event to the exercise's timeline; the view comes back with it. */
  const review = (exerciseId: string, actor: string, body: EventBody, check: (ex: Loaded) => void): ExerciseView =>
    deps.withStore(
      (store) =>
        store.write((tx) => {
          const ex = load(store, exerciseId);
          check(ex);
          tx.append({ incidentId: ex.row.incident_id, actor, body });
          return viewOf(store, ex);
        }).value,
    );

  const mutate = (exerciseId: string, fn: (tx: WriteTx, ex: Loaded) => unknown): ExerciseView =>
    deps.withStore((store) => {
      const { value: ex } = store.write((tx) => {
        const ex = load(store, exerciseId);
        const notes = fn(tx, ex);
        advance(store, tx, ex);
        save(store, tx, ex, typeof notes === 'string' ? notes : undefined);
        return ex;
      });
      saidChanged(ex.row);
      return viewOf(store, load(store, exerciseId));
    });

  const listItem = (s: Scenario, source: 'builtin' | 'imported', runs: Map<string, number>): ScenarioListItem => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    playbook: s.playbook ?? null,
    injects: s.injects.length,
    expectedActions: s.injects.reduce((n, i) => n + i.expect.length, 0),
    source,
    runs: runs.get(s.id) ?? 0,
  });

  /** The timer's work: fire due injects of every running exercise. Never throws. */
  function tick(): void {
    if (!deps.isUnlocked()) return;
    try {
      deps.withStore((store) => {
        for (const id of store.exercises.runningIds()) {
          const { value: changed } = store.write((tx) => {
            const ex = load(store, id);
            if (!advance(store, tx, ex)) return null;
            save(store, tx, ex);
            return ex.row;
          });
          if (changed) saidChanged(changed);
        }
      });
    } catch (error) {
      // Only the event name and the error's shape: a failure's message can quote an inject.
      deps.logger.warn('exercises.tick_failed', errorShape(error));
    }
  }

  const stop = deps.schedule ? deps.schedule(tick, deps.tickMs ?? 250) : () => undefined;

  return {
    tick,
    close: () => stop(),

    scenarioList(): ScenarioListItem[] {
      return deps.withStore((store) => {
        const runs = store.exercises.runsPerScenario();
        const b = builtin();
        const rows = importedRows(store).filter((r) => !b.some((x) => x.id === r.id));
        return [
          ...b.map((s) => listItem(s, 'builtin', runs)),
          ...rows.map((r) =>
            r.scenario
              ? listItem(r.scenario, 'imported', runs)
              : { id: r.id, title: r.title, summary: '', playbook: null, injects: 0, expectedActions: 0, source: 'imported' as const, runs: runs.get(r.id) ?? 0, errors: r.errors },
          ),
        ];
      });
    },

    scenarioImport(input: Stamped<'scenarioImport'>): ScenarioImportOutput {
      let scenarios: Scenario[];
      let errors: string[];
      let unparsed: { line: number; text: string }[] = [];
      if (input.format === 'yaml') {
        const r = parseScenarioYaml(input.text);
        if (!r.ok) throw new CordonError('bad_input', `The scenario could not be read: ${r.errors.slice(0, 5).join('; ')}`);
        scenarios = [r.scenario];
        errors = [];
      } else {
        const r = importMarkdownScenario(input.text);
        ({ scenarios, errors, unparsed } = r);
      }
      // Nothing readable is not a failure of the call: the screen lists what was not understood.
      if (scenarios.length === 0) return { scenario: null, scenarios: [], errors, unparsed };
      const b = builtin();
      const named = scenarios.map((s) => (b.some((x) => x.id === s.id) ? { ...s, id: `imported-${s.id}`.slice(0, 100) } : s));
      // What is stored is read back exactly as the library will read it, before anything is written.
      const stored = named.map((s) => ({ s, json: JSON.stringify(scenarioToInput(s)) }));
      for (const { s, json } of stored) {
        const back = readStoredScenario(s.id, json);
        if (!back.scenario) throw new CordonError('bad_input', `The scenario “${s.title}” would not load again: ${back.errors.slice(0, 3).join('; ')}`);
      }
      return deps.withStore((store) => {
        if (!input.dryRun) {
          const at = new Date(now()).toISOString();
          store.write((tx) => {
            for (const { s, json } of stored) store.exercises.saveScenario(tx, { id: s.id, scenario: json, source: input.format, at, by: input.actor });
          });
        }
        const items = named.map((s) => listItem(s, 'imported', new Map()));
        return { scenario: items[0] ?? null, scenarios: items, errors, unparsed };
      });
    },

    list(): ExerciseListItem[] {
      return deps.withStore((store) =>
        store.exercises.list().map((row) => {
          const ex = load(store, row.id);
          return {
            id: row.id,
            incidentId: row.incident_id,
            scenarioId: row.scenario_id,
            title: ex.scenario.title,
            createdAt: row.created_at,
            running: ex.clock.running,
            finished: ex.clock.finishedAt !== null,
            score: scoreOf(store, ex).score,
          };
        }),
      );
    },

    start(input: Stamped<'exerciseStart'>): ExerciseView {
      const scenario = deps.withStore((store) => findScenario(store, input.scenarioId));
      const wanted = input.playbookId ?? scenario.playbook ?? null;
      const playbookRef = wanted ? deps.resolvePlaybook(wanted) : null;
      if (input.playbookId && !playbookRef) throw new CordonError('not_found', `There is no playbook “${input.playbookId}” in the library.`);
      const id = uuidv7(now());
      return deps.withStore((store) => {
        const at = new Date(now()).toISOString();
        // One action, one transaction: the exercise's incident and its row, or neither (the
        // declaration is a write of its own, nested in this one, and signalled with it).
        const { value: incidentId } = store.write((tx) => {
          const incident = deps.incidents.declare({
            actor: input.actor,
            title: `Exercise: ${scenario.title}`.slice(0, 200),
            kind: 'exercise',
            summary: scenario.summary,
            ...(playbookRef ? { playbookId: playbookRef } : {}),
            ...(input.commander ? { commander: input.commander } : {}),
          });
          store.exercises.insert(tx, {
            id,
            incidentId: incident.id,
            scenarioId: scenario.id,
            scenario: JSON.stringify(scenario),
            playbookId: playbookRef,
            clock: JSON.stringify(newClock(input.speed ?? 1)),
            injects: JSON.stringify(initialInjectStates(scenario)),
            at,
            by: input.actor,
          });
          return incident.id;
        });
        bus.publish({ topic: 'exercise.changed', exerciseId: id, incidentId });
        return viewOf(store, load(store, id));
      });
    },

    get: (exerciseId: string): ExerciseView => deps.withStore((store) => viewOf(store, load(store, exerciseId))),

    control(input: Stamped<'exerciseControl'>): ExerciseView {
      return mutate(input.exerciseId, (_tx, ex) => {
        try {
          ex.clock = controlClock(ex.clock, input.action === 'speed' ? { action: 'speed', speed: input.speed ?? 1 } : { action: input.action }, now());
        } catch (error) {
          throw new CordonError('conflict', (error as Error).message, { cause: error });
        }
      });
    },

    fire: (input: Stamped<'injectFire'>) =>
      mutate(input.exerciseId, (tx, ex) => {
        if (ex.clock.finishedAt !== null) throw new CordonError('conflict', 'The exercise has finished.');
        fireOne(tx, ex, input.injectId, input.actor);
      }),

    skip: (input: Stamped<'injectSkip'>) =>
      mutate(input.exerciseId, (_tx, ex) => {
        const st = ex.injects.find((i) => i.id === input.injectId);
        if (!st) throw new CordonError('not_found', `This exercise has no inject “${input.injectId}”.`);
        if (st.status !== 'pending') throw new CordonError('conflict', `The inject “${st.title}” was already ${st.status}.`);
        ex.injects = ex.injects.map((i) => (i.id === input.injectId ? { ...i, status: 'skipped' } : i));
      }),

    edit: (input: Stamped<'injectEdit'>) =>
      mutate(input.exerciseId, (_tx, ex) => {
        const st = ex.injects.find((i) => i.id === input.injectId);
        if (!st) throw new CordonError('not_found', `This exercise has no inject “${input.injectId}”.`);
        if (st.status !== 'pending') throw new CordonError('conflict', `Only a pending inject can be edited; “${st.title}” was ${st.status}.`);
        ex.injects = ex.injects.map((i) =>
          i.id === input.injectId
            ? {
                ...i,
                ...(input.title !== undefined ? { title: input.title } : {}),
                ...(input.text !== undefined ? { text: input.text } : {}),
                ...(input.atMinutes !== undefined ? { dueMs: Math.round(input.atMinutes * 60_000) } : {}),
                edited: true,
              }
            : i,
        );
      }),

    notes: (input: Stamped<'exerciseNotes'>) => mutate(input.exerciseId, () => input.notes),

    decide: (input: Stamped<'exerciseDecision'>) =>
      review(input.exerciseId, input.actor, { kind: 'exercise_decision', payload: { injectId: input.injectId, text: input.text } }, (ex) => {
        if (!ex.scenario.injects.some((i) => i.id === input.injectId)) throw new CordonError('not_found', `This exercise has no inject “${input.injectId}”.`);
      }),

    assess: (input: Stamped<'objectiveAssess'>) =>
      review(
        input.exerciseId,
        input.actor,
        { kind: 'objective_assessed', payload: { objectiveId: input.objectiveId, rating: input.rating, ...(input.note ? { note: input.note } : {}) } },
        (ex) => {
          if (!objectiveIds(ex.scenario).includes(input.objectiveId)) throw new CordonError('not_found', `This exercise has no objective “${input.objectiveId}”.`);
        },
      ),

    hotWash: (input: Stamped<'hotWashAdd'>) =>
      review(input.exerciseId, input.actor, { kind: 'hot_wash_noted', payload: { category: input.category, text: input.text } }, () => undefined),

    async report(input: Stamped<'exerciseReport'>): Promise<ExportOutput> {
      const { markdown, source, fileBase } = deps.withStore((store) => {
        const ex = load(store, input.exerciseId);
        const score = scoreOf(store, ex);
        const previous: PreviousRun[] = earlierRuns(store, ex).map((row) => {
            const prev = load(store, row.id);
            const s = scoreOf(store, prev);
            return { exerciseId: row.id, startedAt: prev.clock.startedAt, score: s.score, hit: s.actions.hit, total: s.actions.total, finished: prev.clock.finishedAt !== null };
          });
        const v = viewOf(store, ex);
        const markdown = afterActionMarkdown({
          scenario: ex.scenario,
          exerciseId: ex.row.id,
          incidentId: ex.row.incident_id,
          playbookId: ex.row.playbook_id,
          startedAt: ex.clock.startedAt,
          finishedAt: ex.clock.finishedAt,
          commander: v.commander,
          chainHead: store.log.summary(ex.row.incident_id).headHash,
          score,
          injects: ex.injects,
          review: v.review,
          plan: v.plan,
          carried: v.carried,
          notes: ex.row.notes,
          previous,
        });
        const fileBase = `${slugify(ex.scenario.title, 'exercise').slice(0, 50)}-${ex.row.id.slice(0, 8)}-after-action`;
        return { markdown, source: loadPostmortemSource(store, ex.row.incident_id), fileBase };
      });
      let data: Uint8Array;
      if (input.format === 'md') data = new TextEncoder().encode(markdown);
      else {
        if (!deps.pdf) throw new CordonError('unavailable', 'PDF export is not available in this build of Cordon.');
        const printable = postmortemHtml(source, { markdown, revision: 1, status: 'none' }, { documentName: 'After-action report' });
        try {
          data = await deps.pdf.render(printable.html, { pageSize: 'A4', headerHtml: printable.headerHtml, footerHtml: printable.footerHtml });
        } catch (error) {
          throw new CordonError('unavailable', 'Cordon could not print the PDF.', { cause: error });
        }
      }
      const fileName = `${fileBase}.${input.format}`;
      const sha256 = sha256Hex(data);
      deps.withStore((store) =>
        recordExport(store, source.incident.id, input.actor, {
          document: 'after_action_report',
          format: input.format === 'md' ? 'markdown' : 'pdf',
          fileName: fileName.slice(0, 200),
          bytes: data.length,
          sha256,
          chainHead: source.incident.headHash,
          destination: destinationOf(undefined, fileName),
        }),
      );
      return {
        path: null,
        fileName,
        mediaType: input.format === 'md' ? 'text/markdown' : 'application/pdf',
        bytes: data.length,
        sha256,
        chainHead: source.incident.headHash,
        base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
      };
    },
  };
}

export type ExerciseService = ReturnType<typeof createExerciseService>;
