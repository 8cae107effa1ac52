import { expectNoSeriousA11yViolations } from './a11y';
import { expect, screenshotPath, test, testPassphrase, testUser } from './harness';

test.describe('vault: first run, lock and unlock', () => {
  test('sets up the encrypted store with a strength hint, then locks and unlocks', async ({ page, freshHarness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(freshHarness.url);
    await expect(page.getByRole('heading', { name: 'Set up Cordon' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel('Your name, as it appears on the timeline').fill(testUser);
    const passphrase = page.getByLabel('Passphrase', { exact: true });
    await passphrase.fill('password1');
    await expect(page.getByText('Strength: very weak')).toBeVisible();
    await expect(page.getByText('This is one of the first passphrases an attacker tries.')).toBeVisible();
    await page.getByLabel('Passphrase again').fill('password1');
    await page.getByRole('button', { name: 'Create encrypted store' }).click();
    await expect(page.getByRole('alert')).toHaveText('Use at least 10 characters.');

    await passphrase.fill(testPassphrase);
    await expect(page.getByText(/Strength: (good|strong)/)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByLabel('Passphrase again').fill('something else entirely');
    await expect(page.getByText('The two passphrases differ.').first()).toBeVisible();
    await page.screenshot({ path: screenshotPath('first-run-light'), fullPage: true });
    await page.getByLabel('Passphrase again').fill(testPassphrase);
    await page.getByRole('button', { name: 'Create encrypted store' }).click();
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible();

    // The name chosen at first run is kept for the timeline.
    const settings = await page.evaluate(() => window.cordon!.settingsGet());
    expect(settings).toMatchObject({ ok: true, value: { displayName: testUser } });

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Cordon is locked' })).toBeVisible();
    // Locked means locked for every caller, not just this page.
    expect(await page.evaluate(() => window.cordon!.incidentList({}))).toMatchObject({ ok: false, error: { code: 'locked' } });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText(/passphrase/i);
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: screenshotPath('lock-dark'), fullPage: true });

    await page.getByLabel('Passphrase', { exact: true }).fill(testPassphrase);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Cordon' })).toBeVisible();
  });
});
