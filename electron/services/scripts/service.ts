import { homedir } from 'node:os';
import type { ActionSaveInput, ActionView, ListedAction, OutputSegment, RunPlan, ScriptRun } from '../../../shared/containment/model';
import type { CodeLayer } from '../../../shared/containment/code-layers';
import { argvTemplateProblem, handsToShell, planArgv, planSnippet } from '../../../shared/containment/layered-plan';
import { envNameProblem } from '../../../shared/containment/env-names';
import { cannotRunPrefix, fromPlaybookAction, isPosixShellLanguage, mentionedParams, paramEnv, snippetArgv } from '../../../shared/containment/plan';
import { checkParams, describeParamErrors } from '../../../shared/containment/validate';
import type { RunAnswer } from '../../../shared/ipc/containment-contract';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { CordonError } from '../../../shared/ipc/result';
import { parsePlaybookRef } from '../../../shared/playbook/library';
import type { Action as PlaybookAction } from '../../../shared/playbook/model';
import type { StoredActionDefinition } from '../../store/containment-repo';
import { errorShape } from '../../store/error-shape';
import { sha256Hex } from '../../store/hash';
import { uuidv7 } from '../../store/ids';
import type { Store } from '../../store/store';
import type { Logger } from '../logger';
import type { PushBus } from '../push-bus';
import { createConfirmations } from './confirmations';
import { checkWorkingDirectory, resolveExecutable } from './resolve';
import { startProcess, type ProcessResult, type RunnerOptions, type RunningProcess } from './runner';

export interface ScriptServiceDeps {
  /** Runs `fn` with the open store, or throws the vault's `locked` error. */
  withStore<T>(fn: (store: Store) => T): T;
  isUnlocked(): boolean;
  bus: PushBus;
  logger: Logger;
  runner: RunnerOptions;
  now?: () => number;
  /** The environment runs start from (only a few harmless variables are passed on). Default process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The working folder when an action names none. Default the user's home. */
  defaultCwd?: string;
  /**
   * Electron: asks the person in a native dialog showing the plan (true = run it). Absent (the
   * harness, tests): a run that needs confirmation answers with a one-time token instead.
   */
  confirm?: (plan: RunPlan) => Promise<boolean>;
}

const userActionPrefix = 'user.';
/** Variables passed on from Cordon's own environment: enough for programs to work, nothing more. */
const inheritedEnv = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SHELL'];

interface Resolved {
  action: ActionView;
  incidentId: string;
  simulated: boolean;
  values: Record<string, string>;
  argv: string[];
  layers: CodeLayer[];
  file: string | null;
  cwd: string;
  env: Record<string, string>;
  envNames: string[];
  needsConfirmation: boolean;
}

interface ActiveRun {
  incidentId: string;
  process: RunningProcess;
  finished: Promise<void>;
}

/** Containment actions: the library, validation, dry runs, runs (real or simulated) and their records. */
export function createScriptService(deps: ScriptServiceDeps) {
  const now = deps.now ?? Date.now;
  const iso = (at = now()) => new Date(at).toISOString();
  const baseEnv = deps.baseEnv ?? process.env;
  const defaultCwd = deps.defaultCwd ?? homedir();
  const active = new Map<string, ActiveRun>();
  const confirmations = createConfirmations(now);
  // Finished runs whose record could not be written because the vault was locked meanwhile.
  const unwritten: (() => void)[] = [];
  deps.bus.subscribe((event) => {
    if (event.topic === 'vault.changed' && event.state === 'unlocked') writeUnwritten();
  });

  function writeUnwritten(): void {
    while (unwritten.length > 0 && deps.isUnlocked()) {
      const write = unwritten.shift();
      try {
        write?.();
      } catch (error) {
        deps.logger.error('scripts.record_failed', errorShape(error));
      }
    }
  }

  function playbookActions(store: Store, incidentId: string): { view: ActionView; source: PlaybookAction }[] {
    const ref = store.log.summary(incidentId).playbookRef;
    const parsed = ref ? parsePlaybookRef(ref) : null;
    const stored = parsed ? store.playbooks.get(parsed.id, parsed.version) : null;
    return (stored?.playbook.actions ?? []).map((source) => ({ view: fromPlaybookAction(source), source }));
  }

  function findAction(store: Store, incidentId: string, actionId: string): ActionView {
    if (actionId.startsWith(userActionPrefix)) {
      const found = store.actions.get(actionId);
      if (found) return found;
    } else {
      const found = playbookActions(store, incidentId).find((a) => a.view.id === actionId);
      if (found) {
        if (!isPosixShellLanguage(found.source.language)) {
          throw new CordonError('bad_input', `“${found.view.name}” is written for ${found.source.language}; Cordon runs only POSIX shell commands.`);
        }
        return found.view;
      }
    }
    throw new CordonError('not_found', 'There is no such action for this incident.');
  }

  function resolvePlan(store: Store, input: { incidentId: string; actionId: string; params: Record<string, string> }): Resolved {
    const summary = store.log.summary(input.incidentId);
    const simulated = summary.kind === 'exercise';
    const action = findAction(store, input.incidentId, input.actionId);
    if (action.description.startsWith(cannotRunPrefix)) throw new CordonError('bad_input', action.description);
    const checked = checkParams(action.params, input.params);
    if (!checked.ok) throw new CordonError('bad_input', describeParamErrors(checked.errors));
    // Every layer that will parse part of the command as code; a value there is quoted for it, or the run is refused.
    const planned = action.mode === 'argv' ? planArgv(action.argv, checked.values) : planSnippet(action.script, action.shell, action.params.length > 0);
    if (!planned.ok) throw new CordonError('bad_input', `Cordon will not run this: ${planned.message}`);
    const argv = 'argv' in planned ? (planned.argv as string[]) : snippetArgv(action.shell, action.script);
    for (const entry of action.env) {
      const problem = envNameProblem(entry.name);
      if (problem) throw new CordonError('bad_input', `${problem} Change it in the action library.`);
    }
    if (argv.length > 200 || argv.some((a) => a.length > 4_000)) {
      throw new CordonError('bad_input', 'The command is too long to record on the timeline (at most 200 arguments of 4000 characters).');
    }
    if (argv.some((a) => a.includes('\0'))) throw new CordonError('bad_input', 'The command contains a NUL character.');
    const cwd = action.cwd || defaultCwd;
    const secrets = action.source === 'user' ? store.actions.secretsOf(action.id) : {};
    const own: Record<string, string> = {};
    for (const entry of action.env) {
      if (entry.secret) {
        const value = secrets[entry.name];
        if (value === undefined) throw new CordonError('bad_input', `The secret ${entry.name} has no value yet; set it in the action library.`);
        own[entry.name] = value;
      } else own[entry.name] = entry.value ?? '';
    }
    const params = paramEnv(checked.values);
    const env: Record<string, string> = {};
    for (const name of inheritedEnv) {
      const value = baseEnv[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, own, params);
    let file: string | null = null;
    if (!simulated) {
      checkWorkingDirectory(cwd);
      file = resolveExecutable(argv[0] ?? '', env.PATH ?? '/usr/local/bin:/usr/bin:/bin', cwd);
    }
    return {
      action,
      incidentId: input.incidentId,
      simulated,
      values: checked.values,
      argv,
      layers: planned.layers,
      file,
      cwd,
      env,
      envNames: [...Object.keys(own), ...Object.keys(params)],
      // A shell (a snippet, or an argv action that hands part of itself to one) is shown first.
      needsConfirmation: action.destructive || action.mode === 'snippet' || planned.layers.length > 0,
    };
  }

  const toPlan = (r: Resolved): RunPlan => ({
    actionId: r.action.id,
    actionName: r.action.name,
    mode: r.action.mode,
    argv: r.argv,
    layers: r.layers,
    params: r.values,
    executable: r.file,
    cwd: r.cwd,
    envNames: r.envNames,
    timeoutSeconds: r.action.timeoutSeconds,
    destructive: r.action.destructive,
    needsConfirmation: r.needsConfirmation,
    simulated: r.simulated,
  });

  function startedPayload(r: Resolved, runId: string) {
    return {
      runId,
      actionId: r.action.id,
      argv: r.argv,
      simulated: r.simulated,
      name: r.action.name,
      ...(Object.keys(r.values).length > 0 ? { params: r.values } : {}),
    };
  }

  function simulate(store: Store, r: Resolved, actor: string): ScriptRun {
    const runId = uuidv7(now());
    const output = r.action.simulated.output || `(simulated) ${r.argv.join(' ')}\n`;
    const bytes = Buffer.from(output, 'utf8');
    const runs = store.scriptRuns;
    store.write((tx) => {
      const s = tx.append({ incidentId: r.incidentId, actor, body: { kind: 'script_started', payload: startedPayload(r, runId) } }).event;
      runs.start(tx, { id: runId, incidentId: r.incidentId, actionId: r.action.id, actionName: r.action.name, argv: r.argv, simulated: true, startedAt: s.recordedAt, startedBy: actor, startedEventId: s.id });
      const exitCode = r.action.simulated.exitCode;
      const sha = sha256Hex(bytes);
      const f = tx.append({
        incidentId: r.incidentId,
        actor,
        body: { kind: 'script_finished', payload: { runId, outcome: 'simulated', exitCode, signal: null, durationMs: 0, outputSha256: sha, outputBytes: bytes.length } },
      }).event;
      runs.finish(tx, runId, {
        state: 'simulated',
        finishedAt: f.recordedAt,
        finishedEventId: f.id,
        exitCode,
        signal: null,
        durationMs: 0,
        outputBytes: bytes.length,
        keptBytes: bytes.length,
        outputSha256: sha,
        truncated: false,
        segments: [{ stream: 'stdout', text: output }],
      });
    });
    deps.bus.publish({ topic: 'script.state', runId, incidentId: r.incidentId, state: 'simulated', exitCode: r.action.simulated.exitCode });
    const run = runs.get(runId);
    if (!run) throw new CordonError('internal', 'The run was not recorded.');
    return run;
  }

  function record(runId: string, incidentId: string, actor: string, result: ProcessResult, finishedAtMs: number): void {
    const write = () => {
      deps.withStore((store) =>
        store.write((tx) => {
          const e = tx.append({
            incidentId,
            actor,
            occurredAt: iso(finishedAtMs),
            body: {
              kind: 'script_finished',
              payload: {
                runId,
                outcome: result.outcome,
                exitCode: result.exitCode,
                signal: result.signal,
                durationMs: result.durationMs,
                outputSha256: result.sha256,
                outputBytes: result.outputBytes,
                ...(result.truncated ? { truncated: true } : {}),
                ...(result.stragglersKilled > 0 ? { stragglersKilled: result.stragglersKilled } : {}),
              },
            },
          }).event;
          store.scriptRuns.finish(tx, runId, {
            state: result.outcome,
            finishedAt: iso(finishedAtMs),
            finishedEventId: e.id,
            exitCode: result.exitCode,
            signal: result.signal,
            durationMs: result.durationMs,
            outputBytes: result.outputBytes,
            keptBytes: result.keptBytes,
            outputSha256: result.sha256,
            truncated: result.truncated,
            segments: result.segments,
          });
        }),
      );
    };
    if (deps.isUnlocked()) {
      try {
        write();
        return;
      } catch (error) {
        if (!(error instanceof CordonError && error.code === 'locked')) {
          deps.logger.error('scripts.record_failed', errorShape(error));
          return;
        }
      }
    }
    // Locked while it ran: the record waits (in memory) for the next unlock.
    unwritten.push(write);
    deps.logger.warn('scripts.record_deferred', { reason: 'locked' });
  }

  function execute(store: Store, r: Resolved, actor: string): ScriptRun {
    const runId = uuidv7(now());
    const runs = store.scriptRuns;
    store.write((tx) => {
      const s = tx.append({ incidentId: r.incidentId, actor, body: { kind: 'script_started', payload: startedPayload(r, runId) } }).event;
      runs.start(tx, { id: runId, incidentId: r.incidentId, actionId: r.action.id, actionName: r.action.name, argv: r.argv, simulated: false, startedAt: s.recordedAt, startedBy: actor, startedEventId: s.id });
    });
    const incidentId = r.incidentId;
    const proc = startProcess(
      { file: r.file ?? r.argv[0] ?? '', argv: r.argv, cwd: r.cwd, env: r.env, timeoutMs: r.action.timeoutSeconds * 1000 },
      deps.runner,
      (stream, chunk, dropped) =>
        deps.bus.publish({ topic: 'script.output', runId, incidentId, stream, chunk, ...(dropped > 0 ? { dropped } : {}) }),
    );
    const finished = proc.done.then((result) => {
      const at = now();
      try {
        record(runId, incidentId, actor, result, at);
      } finally {
        active.delete(runId);
        deps.bus.publish({ topic: 'script.state', runId, incidentId, state: result.outcome, exitCode: result.exitCode });
      }
    });
    active.set(runId, { incidentId, process: proc, finished });
    deps.logger.info('scripts.started', { mode: r.action.mode });
    deps.bus.publish({ topic: 'script.state', runId, incidentId, state: 'running' });
    const run = runs.get(runId);
    if (!run) throw new CordonError('internal', 'The run was not recorded.');
    return run;
  }

  const withLive = (run: ScriptRun): ScriptRun => (run.state === 'running' && !active.has(run.runId) ? { ...run, state: 'interrupted' } : run);

  function definitionOf(input: ActionSaveInput): StoredActionDefinition {
    return {
      name: input.name,
      description: input.description,
      phaseKey: input.phaseKey,
      mode: input.mode,
      argv: input.mode === 'argv' ? input.argv : [],
      script: input.mode === 'snippet' ? input.script : '',
      shell: input.shell,
      params: input.params,
      cwd: input.cwd,
      timeoutSeconds: input.timeoutSeconds,
      destructive: input.destructive,
      simulated: input.simulated,
      env: input.env.map((e) => ({ name: e.name, secret: e.secret, value: e.secret ? null : (e.value ?? '') })),
    };
  }

  const listed = (view: ActionView): ListedAction => ({ ...view, handsToShell: handsToShell(view) });

  return {
    list(incidentId?: string): ListedAction[] {
      return deps.withStore((store) => {
        const fromPlaybook = incidentId ? playbookActions(store, incidentId).map((a) => a.view) : [];
        return [...fromPlaybook, ...store.actions.list()].map(listed);
      });
    },

    save(input: ActionSaveInput & { actor: string }): ListedAction {
      const snippet = input.mode === 'snippet' ? planSnippet(input.script, input.shell, input.params.length > 0) : null;
      const unsafe = input.mode === 'argv' ? argvTemplateProblem(input.argv) : snippet && !snippet.ok ? snippet.message : null;
      if (unsafe) throw new CordonError('bad_input', `Cordon would not run this safely: ${unsafe}`);
      const declared = new Set(input.params.map((p) => p.name));
      const missing = mentionedParams(input).filter((name) => !declared.has(name));
      if (missing.length > 0) {
        throw new CordonError('bad_input', `The ${input.mode === 'argv' ? 'command' : 'script'} uses ${missing.join(', ')}, which ${missing.length === 1 ? 'is not a parameter' : 'are not parameters'}; add ${missing.length === 1 ? 'it' : 'them'} below.`);
      }
      return deps.withStore((store) => {
        const repo = store.actions;
        if (input.id !== undefined && (!input.id.startsWith(userActionPrefix) || !repo.exists(input.id))) {
          throw new CordonError('not_found', 'There is no such action in your library (playbook actions are edited in the playbook).');
        }
        const id = input.id ?? `${userActionPrefix}${uuidv7(now())}`;
        const previous = repo.secretsOf(input.id ?? input.copySecretsFrom ?? '');
        const secrets: Record<string, string> = {};
        for (const entry of input.env) {
          if (!entry.secret) continue;
          const value = entry.value !== undefined && entry.value !== '' ? entry.value : previous[entry.name];
          if (value !== undefined) secrets[entry.name] = value;
        }
        store.write((tx) => repo.upsert(tx, id, definitionOf(input), secrets, iso(), input.actor));
        const saved = repo.get(id);
        if (!saved) throw new CordonError('internal', 'The action was not saved.');
        return listed(saved);
      });
    },

    delete(id: string): { id: string } {
      return deps.withStore((store) => {
        if (!id.startsWith(userActionPrefix) || !store.write((tx) => store.actions.delete(tx, id)).value) {
          throw new CordonError('not_found', 'There is no such action in your library.');
        }
        return { id };
      });
    },

    dryRun(input: ParsedInput<'actionDryRun'>): RunPlan {
      return deps.withStore((store) => toPlan(resolvePlan(store, input)));
    },

    async run(input: ParsedInput<'actionRun'> & { actor: string }): Promise<RunAnswer> {
      const scope = `${input.incidentId}\n${input.actor}`;
      const first = deps.withStore((store) => resolvePlan(store, input));
      if (first.needsConfirmation) {
        const plan = toPlan(first);
        if (deps.confirm) {
          // The page cannot answer for the person: the main process asks, showing the plan.
          if (!(await deps.confirm(plan))) return { status: 'declined' };
          const again = deps.withStore((store) => resolvePlan(store, input));
          if (JSON.stringify(toPlan(again)) !== JSON.stringify(plan)) throw new CordonError('forbidden', 'The command changed while you were deciding. Review it and confirm again.');
        } else if (input.confirmation === undefined) {
          const issued = confirmations.issue(scope, plan);
          return { status: 'needs_confirmation', plan, confirmation: issued.token, expiresAt: issued.expiresAt };
        } else confirmations.redeem(input.confirmation, scope, plan);
      }
      return deps.withStore((store) => {
        const r = resolvePlan(store, input);
        if (JSON.stringify(toPlan(r)) !== JSON.stringify(toPlan(first))) throw new CordonError('forbidden', 'The command changed. Review it and confirm again.');
        return { status: 'started', run: r.simulated ? simulate(store, r, input.actor) : execute(store, r, input.actor) };
      });
    },

    cancel(runId: string): { runId: string; cancelled: boolean } {
      const run = active.get(runId);
      if (run) {
        run.process.cancel();
        return { runId, cancelled: true };
      }
      const known = deps.withStore((store) => store.scriptRuns.get(runId));
      if (!known) throw new CordonError('not_found', 'There is no such run.');
      return { runId, cancelled: false };
    },

    runs(incidentId: string): ScriptRun[] {
      return deps.withStore((store) => {
        store.log.summary(incidentId);
        return store.scriptRuns.list(incidentId).map(withLive);
      });
    },

    output(runId: string): { run: ScriptRun; segments: OutputSegment[] } {
      return deps.withStore((store) => {
        const repo = store.scriptRuns;
        const run = repo.get(runId);
        if (!run) throw new CordonError('not_found', 'There is no such run.');
        const live = active.get(runId);
        return { run: withLive(run), segments: live ? live.process.snapshot() : repo.output(runId) };
      });
    },

    /** Running right now (ids). */
    activeRuns: (): string[] => [...active.keys()],

    /** Shutdown: cancel every run and wait (bounded) for their records to be written. */
    async close(waitMs = 5_000): Promise<void> {
      const runs = [...active.values()];
      for (const run of runs) run.process.cancel();
      await Promise.race([Promise.allSettled(runs.map((r) => r.finished)), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    },
  };
}

export type ScriptService = ReturnType<typeof createScriptService>;
