import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Harness {
  /** The URL the harness printed, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
}

function startHarness(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/harness/server.mjs'], {
      env: { ...process.env, CORDON_DATA_DIR: dataDir, CORDON_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`harness exited with ${code}: ${out}`)));
  });
}

async function withHarness(use: (harness: Harness) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cordon-e2e-'));
  const { child, url } = await startHarness(dataDir);
  const parsed = new URL(url);
  try {
    await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', dataDir });
  } finally {
    await stopHarness(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ends the harness and waits for it: it writes a last backup as it shuts down, into dataDir. */
async function stopHarness(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // Only for a harness that never exits; a healthy one is gone long before.
  const hung = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(hung);
}

/**
 * Turns sync off on a harness whose vault is open, as "Stop syncing" does: sync is one per
 * laptop, and a test that invited or joined must not leave the next test of the worker with
 * sync on. A locked or never set up vault answers with an error, and sync is off there anyway.
 */
async function stopSync(harness: Harness): Promise<void> {
  const response = await fetch(`${harness.origin}/rpc/syncStop`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `cordon_token=${harness.token}`, Origin: harness.origin },
    body: '{}',
  });
  if (!response.ok) throw new Error(`syncStop answered HTTP ${response.status}`);
}

/**
 * `harness`: one real harness (built renderer + real services) per worker, its vault set
 * up on first use, with sync turned off after each test. `freshHarness`: a new one for a
 * single test, for first-run flows.
 */
export const test = base.extend<{ harness: Harness; freshHarness: Harness }, { workerHarness: Harness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  workerHarness: [async ({}, use) => withHarness(use), { scope: 'worker' }],
  harness: async ({ workerHarness }, use) => {
    await use(workerHarness);
    await stopSync(workerHarness);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  freshHarness: async ({}, use) => withHarness(use),
});

export { expect };

export const testPassphrase = 'correct horse battery staple';
export const testUser = 'Dana Reyes';

/**
 * Opens Cordon at the harness URL and gets past the vault: sets it up on a worker's first
 * visit (its data dir is new), unlocks it when it is locked, and waits for the shell.
 */
export async function openCordon(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  const shell = page.getByRole('navigation', { name: 'Cordon' });
  const setup = page.getByRole('heading', { name: 'Set up Cordon' });
  const locked = page.getByRole('heading', { name: 'Cordon is locked' });
  await expect(shell.or(setup).or(locked)).toBeVisible();
  if (await setup.isVisible()) {
    await page.getByLabel('Your name, as it appears on the timeline').fill(testUser);
    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
    await page.getByLabel('Passphrase again').fill(testPassphrase);
    await page.getByRole('button', { name: 'Create encrypted store' }).click();
  } else if (await locked.isVisible()) {
    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
  }
  await expect(shell).toBeVisible();
}

export const screenshotPath = (name: string): string => join('e2e', 'screenshots', `${name}.png`);

/**
 * The timeline's rows in display order. The list is virtualised (only visible rows are in
 * the DOM), so it is scrolled from top to bottom and each row read once.
 */
export async function readTimeline(page: Page): Promise<string[]> {
  const list = page.getByRole('region', { name: 'Timeline events' });
  return list.evaluate(async (scroller) => {
    const rows = new Map<number, string>();
    scroller.scrollTop = 0;
    for (let guard = 0; guard < 1000; guard++) {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const row of scroller.querySelectorAll<HTMLElement>('[role="listitem"][aria-posinset]')) {
        rows.set(Number(row.getAttribute('aria-posinset')), row.innerText.replace(/\s+/g, ' ').trim());
      }
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += Math.max(40, scroller.clientHeight - 40);
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  });
}

/** A screenshot of the whole screen from the top: the main pane scrolls, not the page. */
export async function screenshotScreen(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1600, height: 1400 });
  await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name) });
  if (viewport) await page.setViewportSize(viewport);
}
