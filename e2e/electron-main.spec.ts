import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { methodNames } from '../shared/ipc/method-names';
import { expectNoSeriousA11yViolations } from './a11y';
import { startMain, startSecondInstance, stopMain, type RunningMain } from './electron-standin/launch';
import { ipcBindingName, ipcReceiverName, preloadWorldName } from './electron-standin/names';
import { readTimeline, screenshotPath, testPassphrase, testUser } from './harness';

// The real main process: dist/electron/main.cjs and dist/electron/preload.cjs as built, under
// the Electron stand-in (e2e/electron-standin/), in Chromium. See the README, "The real main
// process under test", for what this proves and what it cannot.

/** Where app://cordon is carried in Chromium (see runtime.ts). */
const appPrefix = 'https://cordon.app.standin.invalid/';

/** What must never be recorded: the main process or the preload failing, a protocol handler throwing. */
const failureKinds = ['main.unhandledRejection', 'main.uncaughtException', 'preload.error', 'protocol.handlerError'];
const failures = (main: RunningMain) => main.records().filter((entry) => failureKinds.includes(entry.kind));

async function createVault(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up Cordon' })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('Your name, as it appears on the timeline').fill(testUser);
  await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
  await page.getByLabel('Passphrase again').fill(testPassphrase);
  await page.getByRole('button', { name: 'Create encrypted store' }).click();
  await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible({ timeout: 20_000 });
}

async function declareIncident(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+D');
  const declare = page.getByRole('dialog', { name: 'Declare an incident' });
  await declare.getByLabel('What is happening?').fill(title);
  await declare.getByRole('radio', { name: /SEV2/ }).check();
  await declare.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('.wr-header')).toContainText(title);
}

/** Starts main again on the same data and unlocks through the keychain. */
async function restartAndUnlock(previous: RunningMain): Promise<{ main: RunningMain; page: Page }> {
  const root = previous.root;
  await stopMain(previous, true);
  const main = await startMain({ root, safeStorage: 'available' });
  const page = await main.windowPage(appPrefix);
  await expect(page.getByRole('heading', { name: 'Cordon is locked' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Unlock with the system keychain' }).click();
  await page.getByRole('navigation', { name: 'Cordon' }).getByRole('link', { name: 'Incidents' }).click();
  return { main, page };
}

test.describe('the real Electron main process, under the stand-in', () => {
  test.describe.configure({ mode: 'serial' });
  let main: RunningMain | null = null;

  test.afterEach(async () => {
    if (main) await stopMain(main);
    main = null;
  });

  test('first run, an incident, a pushed note, a PDF from the printer adapter, lock and unlock', async () => {
    test.setTimeout(180_000);
    main = await startMain({ safeStorage: 'available' });
    const page = await main.windowPage(appPrefix);
    await page.emulateMedia({ colorScheme: 'light' });

    // Start-up did what Electron requires, in the order it requires it.
    const kinds = main.records().map((entry) => entry.kind);
    expect(kinds.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(kinds.indexOf('protocol.handle'));
    expect(main.records()).toContainEqual({ kind: 'app.enableSandbox', beforeReady: true });
    expect(main.records()).toContainEqual(expect.objectContaining({ kind: 'session.permissions', origin: 'app://cordon' }));
    expect(main.records()).toContainEqual(expect.objectContaining({ kind: 'Menu.setApplicationMenu', menu: expect.arrayContaining(['fileMenu', 'editMenu']) }));

    await createVault(page);
    await page.screenshot({ path: screenshotPath('electron-main-first-light') });

    // Pushed events reach the page through webContents.send and the preload's subscribe.
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { pushed: unknown[] }).pushed = seen;
      window.cordon!.subscribe((event) => seen.push(event));
    });

    await declareIncident(page, 'Login service timing out');

    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    // '!' marks it a key event: the PDF's timeline lists key events.
    await quickAdd.fill('!Token service p99 at 9 s');
    await quickAdd.press('Enter');
    await expect(page.getByText('Token service p99 at 9 s')).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { pushed: { topic: string }[] }).pushed.map((event) => event.topic)))
      .toContain('incident.changed');
    await page.screenshot({ path: screenshotPath('electron-main-warroom-light') });

    // The PDF comes from the main process's Electron printer adapter (a hidden window's printToPDF).
    await page.getByRole('button', { name: 'Post-mortem' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Login service timing out' })).toBeVisible();
    await page.getByRole('button', { name: 'Draft from the record' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toContainText('Saved');
    const running = main;
    const saveDialogs = () => running.records().filter((entry) => entry.kind === 'dialog.showSaveDialog');
    const printWindows = () => running.records().filter((entry) => entry.kind === 'BrowserWindow.new' && entry.id !== 1);
    const documents = join(running.root, 'home', 'Documents');
    // In Electron the file never passes through the page: a browser download would be a leak.
    const downloads: string[] = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    const exportStatus = page.getByRole('status').filter({ hasText: /^(Exported|Cancelled)/ });

    // Nothing programmed: the user presses Escape in the save dialog. Nothing is written, nothing recorded.
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect(exportStatus).toHaveText('Cancelled: nothing was written');
    expect(saveDialogs()).toHaveLength(1);
    expect(saveDialogs()[0]).toMatchObject({ programmed: false, answer: { canceled: true } });
    expect(readdirSync(documents)).toEqual([]);

    // Programmed: the user makes a folder in the dialog and saves the PDF there under a name of their own.
    const chosenFolder = join(running.root, 'home', 'Incident reports');
    mkdirSync(chosenFolder, { mode: 0o700 });
    const pdfFile = join(chosenFolder, 'post-mortem.pdf');
    await running.programDialog('showSaveDialog', { canceled: false, filePath: pdfFile });
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect(exportStatus).toContainText('Exported post-mortem.pdf (saved where you chose)', { timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('electron-main-exported-light') });
    expect(saveDialogs()).toHaveLength(2);
    // The main process proposed a plain name in Documents, asked for a PDF, and titled the dialog for what it saves.
    expect(saveDialogs()[1]).toMatchObject({
      programmed: true,
      options: {
        title: 'Save the post-mortem',
        filters: [
          { name: 'PDF', extensions: ['pdf'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: expect.arrayContaining(['createDirectory', 'showOverwriteConfirmation']),
      },
    });
    const proposed = String((saveDialogs()[1]!.options as { defaultPath?: unknown }).defaultPath);
    expect(dirname(proposed)).toBe(documents);
    expect(basename(proposed)).toMatch(/^login-service-timing-out-[0-9a-f]{8}-postmortem\.pdf$/);
    // Written where the dialog said, owner-only, and nowhere else (no temporary file left beside it).
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(pdfFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(chosenFolder)).toEqual(['post-mortem.pdf']);
    expect(readdirSync(documents)).toEqual([]);
    expect(downloads).toEqual([]);
    const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Login service timing out');
    expect(text).toContain('Token service p99 at 9 s');
    // Each PDF printed in a second, hidden window with JavaScript off in its own session, destroyed afterwards.
    expect(running.records().filter((entry) => entry.kind === 'webContents.printToPDF')).toHaveLength(2);
    expect(printWindows()).toHaveLength(2);
    for (const window of printWindows()) {
      expect(window).toMatchObject({ show: false, webPreferences: { javascript: false, partition: 'cordon-pdf', sandbox: true } });
      await running.waitForRecord((entry) => entry.kind === 'BrowserWindow.closed' && entry.id === window.id);
    }

    // The timeline holds the one export that left, not the cancelled one.
    await page.getByRole('button', { name: 'Back to the war room' }).click();
    await expect
      .poll(async () => (await readTimeline(page)).filter((row) => row.includes('exported as')), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/Post-mortem exported as PDF: login-service-timing-out-[0-9a-f]{8}-postmortem\.pdf/)]);

    // Lock, then unlock through the keychain (safeStorage) and once through the passphrase.
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Cordon is locked' })).toBeVisible();
    expect(await page.evaluate(() => window.cordon!.incidentList({}))).toMatchObject({ ok: false, error: { code: 'locked' } });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath('electron-main-locked-dark') });
    await page.getByRole('button', { name: 'Unlock with the system keychain' }).click();
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible({ timeout: 20_000 });
    expect(main.records().map((entry) => entry.kind)).toContain('safeStorage.decryptString');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('electron-main-unlocked-dark') });

    expect(failures(main)).toEqual([]);

    // A second copy of the app on the same data hands over to this one and leaves.
    expect(await startSecondInstance(main.root)).toBe(0);
    await main.waitForRecord((entry) => entry.kind === 'BrowserWindow.focus');

    // Closing the last window quits the app; started again on the same data, it finds the
    // store locked, and the incident is there after the unlock.
    await page.close();
    expect(await main.exited).toBe(0);
    // The store was closed before the process ended: SQLite removes the WAL only on a clean close.
    const userData = join(main.root, 'appData', 'cordon');
    expect(existsSync(join(userData, 'cordon.db'))).toBe(true);
    expect(existsSync(join(userData, 'cordon.db-wal'))).toBe(false);
    const restarted = await restartAndUnlock(main);
    main = restarted.main;
    await expect(restarted.page.getByText('Login service timing out')).toBeVisible({ timeout: 20_000 });
    expect(failures(main)).toEqual([]);
  });

  test('the window keeps to its own pages, and only its own top frame reaches the main process', async () => {
    test.setTimeout(120_000);
    main = await startMain({ safeStorage: 'unavailable' });
    const page = await main.windowPage(appPrefix);
    await createVault(page);
    const running = main;

    // The preload exposes exactly the contract's methods, and the page has nothing of Node or of the stand-in.
    const surface = await page.evaluate(() => ({
      keys: Object.keys(window.cordon!),
      types: Object.values(window.cordon!).map((value) => typeof value),
      globals: ['require', 'process', 'module', 'Buffer', 'ipcRenderer', 'electron'].filter((name) => name in window),
      standin: Object.getOwnPropertyNames(window).filter((name) => name.includes('ordonStandin')),
    }));
    expect(surface.keys.sort()).toEqual([...methodNames, 'subscribe'].sort());
    expect(new Set(surface.types)).toEqual(new Set(['function']));
    expect(surface.globals).toEqual([]);
    expect(surface.standin).toEqual([]);

    // The session's handlers: every permission denied but the camera (to scan an invite's QR
    // code), the CSP on every app:// response.
    expect(await page.evaluate(() => Notification.permission)).toBe('denied');
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state)).toBe('denied');
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'camera' as PermissionName })).state)).toBe('granted');
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("default-src 'self'");

    // Navigating the window away is refused; it stays on Cordon.
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    expect(await running.waitForRecord((entry) => entry.kind === 'webContents.will-navigate')).toMatchObject({ url: 'https://example.com/', prevented: true });
    expect(page.url().startsWith(appPrefix)).toBe(true);
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible();

    // window.open is refused; a plain web link goes to the OS browser instead.
    await page.evaluate(() => void window.open('https://example.com/status'));
    expect(await running.waitForRecord((entry) => entry.kind === 'webContents.windowOpen')).toMatchObject({ url: 'https://example.com/status', action: 'deny' });
    await running.waitForRecord((entry) => entry.kind === 'webContents.popupClosed');
    expect(running.records()).toContainEqual({ kind: 'shell.openExternal', url: 'https://example.com/status' });
    await expect.poll(() => running.browser.contexts()[0]!.pages().map((open) => open.url())).toEqual([page.url()]);

    // A frame of another origin (a sandboxed, opaque-origin frame) gets no preload; and if it
    // reached the IPC transport anyway, as a compromised renderer could, main answers forbidden.
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.srcdoc = '<p>foreign</p>';
      frame.title = 'foreign';
      document.body.append(frame);
    });
    const foreign = await expect.poll(() => page.frames().length).toBe(2).then(() => page.frames().find((frame) => frame !== page.mainFrame())!);
    expect(await foreign.evaluate(() => 'cordon' in window)).toBe(false);
    const cdp = await page.context().newCDPSession(page);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const frameId = frameTree.childFrames![0]!.frame.id;
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId, worldName: preloadWorldName });
    const answer = await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
      expression: `new Promise((resolve) => {
        globalThis[${JSON.stringify(ipcReceiverName)}] = (json) => resolve(JSON.parse(json));
        globalThis[${JSON.stringify(ipcBindingName)}](JSON.stringify({ t: 'invoke', id: 1, channel: 'cordon:settingsUpdate', args: JSON.stringify([{ theme: 'dark' }]) }));
      })`,
    });
    const reply = answer.result.value as { ok: boolean; value: string };
    expect(reply.ok).toBe(true);
    expect(JSON.parse(reply.value)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Nothing was changed by the refused call.
    expect(await page.evaluate(() => window.cordon!.settingsGet())).toMatchObject({ ok: true, value: { theme: expect.not.stringMatching(/^dark$/) } });

    // Without a keychain, the vault offers the passphrase only.
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Cordon is locked' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unlock with the system keychain' })).toHaveCount(0);
    expect(running.records().map((entry) => entry.kind)).not.toContain('safeStorage.encryptString');
    expect(failures(running)).toEqual([]);
  });

  test('quitting while a containment script runs cancels it and records that before the store closes', async () => {
    test.setTimeout(120_000);
    main = await startMain({ safeStorage: 'available' });
    const page = await main.windowPage(appPrefix);
    await createVault(page);
    await declareIncident(page, 'Disk filling on db-02');
    const panel = page.getByRole('region', { name: 'Containment actions' });
    await panel.getByRole('button', { name: 'Action library' }).click();
    await panel.getByRole('button', { name: 'New action' }).click();
    const editor = panel.getByRole('form', { name: 'New action' });
    await editor.getByLabel('Name', { exact: true }).fill('Wait a minute');
    await editor.getByLabel(/Command: the program/).fill(['/bin/sleep', '60'].join('\n'));
    await editor.getByRole('button', { name: 'Save action' }).click();
    await expect(editor).toBeHidden();
    await panel.getByRole('button', { name: 'Close library' }).click();
    await panel.getByRole('form', { name: 'Run Wait a minute' }).getByRole('button', { name: 'Run', exact: true }).click();
    await expect(panel.getByRole('button', { name: 'Cancel run' })).toBeVisible();

    // Electron does not wait for promises in 'will-quit'; main must hold the quit itself.
    await page.close();
    expect(await main.exited).toBe(0);
    expect(existsSync(join(main.root, 'appData', 'cordon', 'cordon.db-wal'))).toBe(false);

    const restarted = await restartAndUnlock(main);
    main = restarted.main;
    await restarted.page.getByText('Disk filling on db-02').click();
    await expect.poll(async () => (await readTimeline(restarted.page)).join('\n'), { timeout: 10_000 }).toMatch(/Started Wait a minute[\s\S]*Script was cancelled/);
    expect(failures(main)).toEqual([]);
  });
});
