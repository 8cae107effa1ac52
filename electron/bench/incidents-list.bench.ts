import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { IncidentStatus } from '../../shared/events/primitives';
import { inBatches, launchChromium, seedVault, startHarness, unlock } from './harness-page';

// The incidents list with 1,000 incidents on the machine (a year of a busy team, some of them
// exercises), in the real UI through the harness: the list after a reload, switching to all
// incidents, and a typed search, each to the rows on screen.
const INCIDENTS = 1_000;
const EVENTS_EACH = 20;
const OPEN_MS = 300;
const FILTER_MS = 100;

const statusOf = (i: number): IncidentStatus => (i % 10 === 0 ? 'active' : i % 10 === 1 ? 'mitigated' : i % 10 < 8 ? 'closed' : 'resolved');
const isExercise = (i: number) => i % 10 === 9;
const systems = ['checkout-api', 'ledger', 'auth', 'search', 'payments-gateway', 'cdn', 'mail-relay', 'vpn'];

function seed(dataDir: string): Promise<void> {
  return seedVault(dataDir, (store) => {
    const start = Date.now() - INCIDENTS * 8 * 3_600_000;
    inBatches(store, 0, INCIDENTS, (i) => {
      const t = (k: number) => new Date(start + i * 8 * 3_600_000 + k * 60_000).toISOString();
      const title = `${systems[i % systems.length] ?? 'api'} degraded (#${i})`;
      const id = store.log.declare('Ana Lima', { title, kind: isExercise(i) ? 'exercise' : 'real', severity: i % 3 === 0 ? 'sev1' : 'sev2', commander: 'Ana Lima' }, t(0)).event.incidentId;
      for (let k = 1; k < EVENTS_EACH - 1; k++) {
        store.log.append({ incidentId: id, actor: 'Sam Okafor', occurredAt: t(k), body: { kind: 'note', payload: { text: `Step ${k} on ${title}` } } });
      }
      if (statusOf(i) !== 'active') store.log.append({ incidentId: id, actor: 'Ana Lima', occurredAt: t(EVENTS_EACH), body: { kind: 'status_changed', payload: { status: statusOf(i) } } });
    });
  });
}

const caption = (page: Page, total: number) => page.locator('#incident-count').getByText(`${total} incidents`, { exact: true });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cordon-bench-incidents-'));
  const real = Array.from({ length: INCIDENTS }, (_, i) => i).filter((i) => !isExercise(i));
  const openReal = real.filter((i) => ['active', 'mitigated'].includes(statusOf(i))).length;
  const ledger = real.filter((i) => systems[i % systems.length] === 'ledger').length;
  try {
    let t = performance.now();
    await seed(dataDir);
    process.stdout.write(`seeded ${INCIDENTS.toLocaleString('en')} incidents of ${EVENTS_EACH} events in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const harness = await startHarness(dataDir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await unlock(page, harness.url);
      await caption(page, openReal).waitFor({ timeout: 60_000 });

      // A reload with the vault open: the script, the shell and the first page of the list.
      t = performance.now();
      await page.reload();
      await caption(page, openReal).waitFor({ timeout: 60_000 });
      await page.getByRole('link', { name: /degraded/ }).first().waitFor();
      const reloadMs = performance.now() - t;

      t = performance.now();
      await page.getByRole('radio', { name: 'All' }).check();
      await caption(page, real.length).waitFor({ timeout: 60_000 });
      const allMs = performance.now() - t;
      const rows = await page.locator('.incident-table tbody tr').count();

      t = performance.now();
      await page.getByRole('searchbox', { name: 'Search incidents' }).fill('ledger');
      await caption(page, ledger).waitFor({ timeout: 60_000 });
      const searchMs = performance.now() - t;

      process.stdout.write(`list: ${openReal} open of ${real.length} real incidents (${INCIDENTS - real.length} exercises hidden); "All" shows ${rows} rows\n`);
      const lines: [string, number, number][] = [
        ['reload to the open incidents listed', reloadMs, OPEN_MS],
        [`all ${real.length} incidents (status "All")`, allMs, FILTER_MS],
        [`search "ledger" (${ledger} found)`, searchMs, FILTER_MS],
      ];
      for (const [name, ms, target] of lines) {
        process.stdout.write(`${name.padEnd(40)} ${`${ms.toFixed(0)} ms`.padStart(9)}  ≤ ${`${target} ms`.padEnd(8)} ${ms <= target ? 'PASS' : 'FAIL'}\n`);
      }
    } finally {
      await browser.close();
      await harness.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`incidents-list bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
});
