import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test } from './harness';

test.describe('app shell over the browser harness', () => {
  test('opens, answers a real method through the transport, and looks right in both themes', async ({ page, harness }) => {
    await openCordon(page, harness);
    // The token moved into a cookie and out of the address bar.
    expect(page.url()).not.toContain('token=');
    await expect(page).toHaveTitle('Incidents · Cordon');
    await page.getByRole('link', { name: 'Status' }).click();
    await expect(page).toHaveTitle('Status · Cordon');
    await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();

    const info = page.getByTestId('app-info');
    await expect(info).toContainText('Browser harness');
    await expect(info).toContainText(process.version.slice(1));
    await expect(page.getByTestId('health-verdict')).toHaveText('All checks pass');

    // The same call, made by hand through window.cordon, is a typed Result.
    const result = await page.evaluate(() => window.cordon!.appInfo());
    expect(result).toMatchObject({ ok: true, value: { name: 'Cordon', runtime: 'harness' } });
    const bad = await page.evaluate(() => (window.cordon as unknown as { settingsUpdate(i: unknown): Promise<unknown> }).settingsUpdate({ theme: 42 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    await page.getByRole('radio', { name: 'Light' }).first().check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath('status-light'), fullPage: true });

    await page.getByRole('radio', { name: 'Dark' }).first().check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath('status-dark'), fullPage: true });
  });

  test('follows the OS theme until the user picks one, and keeps the choice after a reload', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCordon(page, harness);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveTitle('Settings · Cordon');
    const main = page.getByRole('main');
    await main.getByRole('radio', { name: 'System' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    await main.getByRole('radio', { name: 'Dark' }).check();
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('main').getByRole('radio', { name: 'Dark' })).toBeChecked();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath('settings-dark'), fullPage: true });
    await main.getByRole('radio', { name: 'System' }).check();
  });

  test('screens that cannot load (the harness gone mid-load) are said in words on the gate, in both themes', async ({ page, harness }) => {
    await openCordon(page, harness);
    await page.route('**/assets/Shell-*.js', (route) => route.abort());
    await page.reload();
    await expect(page.getByRole('alert')).toHaveText('Cordon could not load its screens. Reload the page (or restart Cordon); your incidents are safe in the store.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`gate-screens-failed-${scheme}`) });
    }
    await expectNoSeriousA11yViolations(page);
    await page.unroute('**/assets/Shell-*.js');
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible();
  });

  test('a theme chosen in one window reaches another without a reload (push channel)', async ({ browser, harness }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await openCordon(first, harness);
    await openCordon(second, harness);
    await first.getByRole('radio', { name: 'Light' }).first().check();
    await expect(second.locator('html')).toHaveAttribute('data-theme', 'light');
    await first.getByRole('radio', { name: 'Dark' }).first().check();
    await expect(second.locator('html')).toHaveAttribute('data-theme', 'dark');
    await first.getByRole('radio', { name: 'System' }).first().check();
    await context.close();
  });

  test('works from the keyboard alone, with a visible skip link and focus', async ({ page, harness }) => {
    await openCordon(page, harness);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Incidents' })).toBeFocused();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Settings' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });

  test('the page calls and hears the main process over its own WebSocket; a page elsewhere cannot open it', async ({ page, harness }) => {
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (frame) => sent.push(String(frame.payload))));
    await openCordon(page, harness);
    await expect.poll(() => page.evaluate(() => window.cordon!.appInfo())).toMatchObject({ ok: true, value: { name: 'Cordon' } });
    expect(sent.some((frame) => (JSON.parse(frame) as { method?: string }).method === 'appInfo')).toBe(true);

    // Another site the user visits, in the same browser (so the cookie exists): refused at the handshake.
    await page.goto('about:blank');
    const opened = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      `${harness.origin.replace('http', 'ws')}/socket`,
    );
    expect(opened).toBe('closed 1006');
  });

  test('refuses requests without the token or from a foreign origin', async ({ request, harness }) => {
    const noToken = await request.post(`${harness.origin}/rpc/appInfo`, { data: {} });
    expect(noToken.status()).toBe(401);
    const forged = await request.post(`${harness.origin}/rpc/appInfo`, {
      data: {},
      headers: { 'x-cordon-token': harness.token, Origin: 'http://evil.example' },
    });
    expect(forged.status()).toBe(403);
    const good = await request.post(`${harness.origin}/rpc/appInfo`, { data: {}, headers: { 'x-cordon-token': harness.token } });
    expect(await good.json()).toMatchObject({ ok: true, value: { name: 'Cordon' } });
  });
});
