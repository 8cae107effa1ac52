import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServices } from '../services/container';
import { chromiumOnThisMachine } from '../services/export/find-chromium';
import { createMemoryLogger } from '../services/logger';
import type { AppendRequest } from '../store/event-log';

// The war room with 100,000 events, in the real harness and Chromium: how long the screen
// takes to open, and the frame times while the timeline is scrolled end to end.
const EVENTS = 100_000;
const passphrase = 'benchmark passphrase, not a secret';
const chromiumPath = chromiumOnThisMachine(chromium) ?? 'chromium';

function seed(dataDir: string): Promise<string> {
  const services = createServices({
    runtime: { runtime: 'harness', version: 'bench', platform: process.platform, versions: process.versions },
    dataDir,
    logger: createMemoryLogger(),
    autoLockMinutes: 0,
  });
  return services.vault.create(passphrase).then(() => {
    const incidentId = services.vault.use((store) => {
      const start = Date.now() - EVENTS * 1000;
      const { event } = store.write((tx) => tx.declare('Dana Reyes', { title: 'Payment outage (100k events)', kind: 'real', severity: 'sev2', commander: 'Dana Reyes' }, new Date(start).toISOString())).value;
      const id = event.incidentId;
      const bodyFor = (i: number): AppendRequest['body'] => {
        if (i % 10_000 === 0) return { kind: 'severity_changed', payload: { severity: i % 20_000 === 0 ? 'sev1' : 'sev2' } };
        if (i % 3 === 0) return { kind: 'note', payload: { text: `Observation ${i}: p99 latency ${200 + (i % 900)} ms on checkout-api` } };
        if (i % 3 === 1) return { kind: 'checklist_item_set', payload: { itemId: `detect.item-${i % 40}`, done: i % 2 === 0 } };
        return { kind: 'note', payload: { text: `Customer ticket #${10_000 + i} mentions failed payment`, key: i % 500 === 2 } };
      };
      for (let done = 1; done < EVENTS; done += 5_000) {
        store.write((tx) => {
          for (let i = done; i < Math.min(done + 5_000, EVENTS); i++) {
            tx.append({ incidentId: id, actor: i % 2 ? 'Dana Reyes' : 'Sam Okafor', occurredAt: new Date(start + i * 1000).toISOString(), body: bodyFor(i) });
          }
        });
      }
      return id;
    });
    return services.close().then(() => incidentId);
  });
}

function startHarness(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/harness/server.mjs'], { env: { ...process.env, CORDON_DATA_DIR: dataDir, CORDON_AUTOLOCK_MINUTES: '0' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
      // Stopping waits for the exit: the harness writes a last backup as it shuts down.
      if (url) resolve({ url, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}`)));
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cordon-bench-warroom-'));
  try {
    let t = performance.now();
    const incidentId = await seed(dataDir);
    process.stdout.write(`seeded ${EVENTS.toLocaleString('en')} events in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const harness = await startHarness(dataDir);
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(harness.url);
      await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
      t = performance.now();
      await page.getByRole('button', { name: 'Unlock' }).click();
      const shell = page.getByRole('navigation', { name: 'Cordon' });
      await shell.or(page.getByRole('alert')).first().waitFor({ timeout: 120_000 });
      if (!(await shell.isVisible())) throw new Error(`unlock failed: ${await page.getByRole('alert').innerText()}`);
      const unlockMs = performance.now() - t;

      t = performance.now();
      await page.evaluate((id) => (window.location.hash = `#/incident/${id}`), incidentId);
      await page.getByText(`${EVENTS.toLocaleString('en')} events`).or(page.getByText(`${EVENTS} events`)).first().waitFor({ timeout: 120_000 });
      const openMs = performance.now() - t;

      const frames = await page.getByRole('region', { name: 'Timeline events' }).evaluate(async (scroller) => {
        const times: number[] = [];
        let last = performance.now();
        scroller.scrollTop = 0;
        const step = scroller.scrollHeight / 240;
        for (let i = 0; i < 240; i++) {
          scroller.scrollTop += step;
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          times.push(now - last);
          last = now;
        }
        return times;
      });
      const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

      t = performance.now();
      const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
      await quickAdd.fill('Benchmark note after 100k events');
      await quickAdd.press('Enter');
      await page.getByText('Benchmark note after 100k events').waitFor();
      const addMs = performance.now() - t;

      // A text search over all 100k events, for one from the middle (not on screen before).
      t = performance.now();
      await page.getByRole('searchbox', { name: 'Search the timeline' }).fill('Observation 50001:');
      await page.getByText('Observation 50001:').first().waitFor({ timeout: 120_000 });
      const searchMs = performance.now() - t;

      const p95 = percentile(frames, 0.95);
      const rows: [string, string, string, boolean][] = [
        ['unlock (scrypt + open)', `${(unlockMs / 1000).toFixed(2)} s`, '', true],
        ['open the war room (100k events)', `${(openMs / 1000).toFixed(2)} s`, '≤ 5 s', openMs <= 5000],
        ['scroll frame time p50', `${percentile(frames, 0.5).toFixed(1)} ms`, '', true],
        ['scroll frame time p95', `${p95.toFixed(1)} ms`, '≤ 50 ms', p95 <= 50],
        ['add a note and see it', `${addMs.toFixed(0)} ms`, '≤ 500 ms', addMs <= 500],
        ['search the timeline (100k events)', `${searchMs.toFixed(0)} ms`, '≤ 1500 ms', searchMs <= 1500],
        ['renderer JS heap', `${(heap / 1024 / 1024).toFixed(0)} MiB`, '', true],
      ];
      for (const [name, value, target, pass] of rows) {
        process.stdout.write(`${name.padEnd(36)} ${value.padStart(10)}  ${target ? `${target.padEnd(9)} ${pass ? 'PASS' : 'FAIL'}` : ''}\n`);
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
  process.stderr.write(`warroom bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
});
