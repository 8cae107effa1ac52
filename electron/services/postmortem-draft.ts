import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CordonError } from '../../shared/ipc/result';
import { draftPostmortem, type DraftOptions } from '../../shared/postmortem/draft';
import type { PostmortemSource } from '../../shared/postmortem/source';
import type { Store } from '../store/store';
import { postmortemBase, postmortemRecord } from './postmortem-record';

// The draft of a large incident is written in a worker thread (postmortem-draft-worker.ts), from
// a snapshot of the store, so the main process keeps answering the windows meanwhile (issue 16:
// 100,000 events must not freeze the window). A small incident is drafted here: starting a
// worker costs more than it saves.

/** What the worker is given: the incident, its state and playbook as read with the snapshot. */
export interface DraftJob {
  incidentId: string;
  base: Omit<PostmortemSource, 'events' | 'timeline'>;
  options: DraftOptions;
}

/** From this many events on, the draft is written in a worker thread. */
export const draftInWorkerFrom = 5_000;

/**
 * The worker's script: beside the bundle this code runs in (dist/electron/, dist/harness/), or
 * beside this file when it runs from the sources (tests and benches, through tsx).
 */
export function draftWorkerScript(): string {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), 'postmortem-draft-worker.ts') : join(dirname(here), 'postmortem-draft-worker.cjs');
}

export interface DraftRun {
  /** Runs `fn` with the open store (the vault's `use`). */
  withStore<T>(fn: (store: Store) => T): T;
  incidentId: string;
  options: DraftOptions;
  /** Events from which a worker drafts (default draftInWorkerFrom; tests pass 0 to always use it). */
  workerFrom?: number | undefined;
  script?: string | undefined;
  /** The worker's progress: events read of the incident's total. */
  onProgress?: ((read: number, total: number) => void) | undefined;
}

/**
 * The draft: in a worker when the incident is large and a snapshot can be had; otherwise (a
 * small incident, a WAL that could not be checkpointed, workers that cannot start here) on the
 * store's connection, from the same one read. Either way the same text.
 */
export async function writeDraft(run: DraftRun): Promise<string> {
  const { incidentId, options } = run;
  const from = run.workerFrom ?? draftInWorkerFrom;
  const inWorker = Number.isFinite(from) && run.withStore((store) => store.record.count(incidentId, from) >= from);
  if (inWorker) {
    try {
      const drafted = await run.withStore((store) =>
        store.onSnapshot({
          script: run.script ?? draftWorkerScript(),
          input: (): DraftJob => ({ incidentId, options, base: postmortemBase(store, incidentId) }),
          parse: (value) => z.string().parse(value),
          onProgress: run.onProgress,
        }),
      );
      if (drafted !== null) return drafted;
    } catch (error) {
      if (error instanceof CordonError) throw error;
      // A worker that could not start or read here: the draft is still written, on this thread.
    }
  }
  return run.withStore((store) => draftPostmortem(postmortemRecord(store, incidentId), options));
}
