import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import { benchPassphrase, benchServices, inBatches, seedVault } from './harness-page';

// The whole-store check that follows every unlock (vault.ts), on a 100,000-event store: how long
// it takes, and the longest the main thread was blocked meanwhile (issue 16: the war room cannot
// open and every IPC call waits while it is).
const EVENTS = 100_000;
const BLOCK_MS = 100;

async function seed(dataDir: string): Promise<void> {
  await seedVault(dataDir, (store) => {
    const start = Date.now() - EVENTS * 2000;
    const at = (i: number) => new Date(start + i * 2000).toISOString();
    const id = store.write((tx) => tx.declare('Ana Lima', { title: 'Card payments failing (100k events)', kind: 'real', severity: 'sev2', commander: 'Ana Lima' }, at(0))).value.event.incidentId;
    inBatches(store, 1, EVENTS, (tx, i) =>
      tx.append({ incidentId: id, actor: 'Ana Lima', occurredAt: at(i), body: { kind: 'note', payload: { text: `Observation ${i}: error rate ${(i * 7) % 100}% on shard ${i % 13}`, key: false } } }),
    );
    store.catchUpSearch(EVENTS + 10);
  });
}

async function checkAfterUnlock(dataDir: string): Promise<{ ms: number; longestBlockMs: number; state: string }> {
  const services = benchServices(dataDir);
  try {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await services.vault.unlock({ passphrase: benchPassphrase });
    // Measured from the unlock's answer: the check starts on the next turn of the event loop.
    delay.reset();
    const t = perf.now();
    while (services.vault.lastHealth().checkedAt === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const ms = perf.now() - t;
    await new Promise((resolve) => setTimeout(resolve, 20));
    delay.disable();
    return { ms, longestBlockMs: delay.max / 1e6, state: services.vault.lastHealth().state };
  } finally {
    await services.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'cordon-bench-health-'));
try {
  await seed(dataDir);
  for (const run of [1, 2]) {
    const r = await checkAfterUnlock(dataDir);
    console.log(`check after unlock (${EVENTS} events, run ${run}): ${r.state} in ${r.ms.toFixed(0)} ms; main thread blocked at most ${r.longestBlockMs.toFixed(0)} ms (target ${BLOCK_MS})`);
    console.log(r.longestBlockMs <= BLOCK_MS ? 'PASS main thread free while the store is checked' : 'FAIL main thread blocked while the store is checked');
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
