import { parentPort, workerData } from 'node:worker_threads';
import { draftPostmortem } from '../../shared/postmortem/draft';
import { openSnapshot, type SnapshotAccess, type SnapshotMessage } from '../store/snapshot-worker';
import type { DraftJob } from './postmortem-draft';

// The worker thread that drafts a post-mortem (postmortem-draft.ts starts it): it reads the
// incident's record from a snapshot of the store, once, and writes the draft from it, while the
// main process goes on answering the windows. Bundled on its own beside main and the harness.

const { access, input } = workerData as { access: SnapshotAccess; input: DraftJob };
const post = (message: SnapshotMessage) => parentPort?.postMessage(message);
const snapshot = openSnapshot(access);
try {
  const { events, timeline } = snapshot.record.read(input.incidentId, { onProgress: (read, total) => post({ type: 'progress', read, total }) });
  post({ type: 'done', value: draftPostmortem({ ...input.base, events, timeline }, input.options) });
} finally {
  snapshot.close();
}
