import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServices } from '../services/container';
import { chromiumOnThisMachine } from '../services/export/find-chromium';
import { createMemoryLogger } from '../services/logger';
import type { Store } from '../store/store';
import type { WriteTx } from '../store/store-writer';

// What the benchmarks that drive the real UI share: a vault seeded in a temporary data
// folder, the harness started on it, and Chromium unlocked on its page.

export const benchPassphrase = 'benchmark passphrase, not a secret';

/** The main process's services on `dataDir`, in this process, as the harness builds them (no auto-lock). */
export function benchServices(dataDir: string) {
  return createServices({
    runtime: { runtime: 'harness', version: 'bench', platform: process.platform, versions: process.versions },
    dataDir,
    logger: createMemoryLogger(),
    autoLockMinutes: 0,
  });
}

/** Creates the vault in `dataDir`, runs `fill` on its store, and closes it again for the harness. */
export async function seedVault<T>(dataDir: string, fill: (store: Store) => T): Promise<T> {
  const services = benchServices(dataDir);
  await services.vault.create(benchPassphrase);
  const result = services.vault.use(fill);
  await services.close();
  return result;
}

/** Runs `write(tx, i)` for i in [from, to), in writes of 5,000 (one per event would take minutes). */
export function inBatches(store: Store, from: number, to: number, write: (tx: WriteTx, i: number) => void): void {
  for (let done = from; done < to; done += 5_000) {
    store.write((tx) => {
      for (let i = done; i < Math.min(done + 5_000, to); i++) write(tx, i);
    });
  }
}

export function startHarness(dataDir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/harness/server.mjs'], { env: { ...process.env, CORDON_DATA_DIR: dataDir, CORDON_AUTOLOCK_MINUTES: '0' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
      // Stopping waits for the exit: the harness writes a last backup as it shuts down.
      if (url) resolve({ url, pid: child.pid ?? 0, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`harness exited with ${code}`)));
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumOnThisMachine(chromium) ?? 'chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens the harness page and unlocks the vault; returns the milliseconds from the click to the app's shell. */
export async function unlock(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.getByLabel('Passphrase', { exact: true }).fill(benchPassphrase);
  const t = performance.now();
  await page.getByRole('button', { name: 'Unlock' }).click();
  const shell = page.getByRole('navigation', { name: 'Cordon' });
  await shell.or(page.getByRole('alert')).first().waitFor({ timeout: 120_000 });
  if (!(await shell.isVisible())) throw new Error(`unlock failed: ${await page.getByRole('alert').innerText()}`);
  return performance.now() - t;
}

export interface HarnessBench<S> {
  /** The section's name, for its failure line. */
  name: string;
  /** Fills the new vault; its result reaches `run`. */
  seed(dataDir: string): Promise<S>;
  /** What was seeded, for the timing line ("100,000 events"). */
  seeded: string;
  /** Before the page opens the harness (init scripts). */
  prepare?(page: Page): Promise<unknown>;
  run(page: Page, seeded: S, unlockMs: number): Promise<void>;
}

/**
 * One benchmark through the real UI: a temporary data folder seeded, the harness and Chromium
 * started on it, the vault unlocked, `run`, and everything stopped and removed however it ends.
 * A failure is printed, never thrown: a benchmark never fails the build.
 */
export async function benchInHarness<S>(bench: HarnessBench<S>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `cordon-bench-${bench.name}-`));
  try {
    const t = performance.now();
    const seeded = await bench.seed(dataDir);
    process.stdout.write(`seeded ${bench.seeded} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const harness = await startHarness(dataDir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await bench.prepare?.(page);
      await bench.run(page, seeded, await unlock(page, harness.url));
    } finally {
      await browser.close();
      await harness.stop();
    }
  } catch (error) {
    process.stderr.write(`${bench.name} bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
