import { parentPort, workerData } from 'node:worker_threads';
import { openSnapshotDb, type SnapshotAccess, type SnapshotMessage } from './snapshot-worker';
import { checkStoreHealth } from './store-health';

// The worker thread that checks the whole store after an unlock (store-health-off-thread.ts
// starts it): the same check as on the store's connection, on a read-only snapshot, while the
// main process goes on answering the windows. Bundled on its own beside main and the harness.

const { access } = workerData as { access: SnapshotAccess };
const db = openSnapshotDb(access);
try {
  parentPort?.postMessage({ type: 'done', value: checkStoreHealth(db) } satisfies SnapshotMessage);
} finally {
  db.close();
}
