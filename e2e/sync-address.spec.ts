import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test } from './harness';

// The sync card's "Reachable from": this laptop only by default, the machine's interfaces offered.
test.describe('where sync is reachable from', () => {
  test('the share and join cards offer this laptop only (the default) and the machine’s interfaces; choosing listens on nothing', async ({ page, harness }) => {
    await openCordon(page, harness);
    const join = page.getByRole('region', { name: 'Join an incident on another laptop' });
    const joinSelect = join.getByRole('combobox', { name: 'Reachable from' });
    await expect(joinSelect).toHaveValue('127.0.0.1');

    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('VPN concentrator dropping sessions');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const share = page.getByRole('region', { name: 'Share this incident' });
    const select = share.getByRole('combobox', { name: 'Reachable from' });
    await expect(select).toHaveValue('127.0.0.1');
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('This laptop only (127.0.0.1)');
    for (const label of options.slice(1)) expect(label).toMatch(/^\S+ \(\d+\.\d+\.\d+\.\d+\)$/);
    await expect(share).toContainText('Sync is off');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await share.scrollIntoViewIfNeeded();
      await share.screenshot({ path: screenshotPath(`sync-reachable-${scheme}`) });
    }
    await expectNoSeriousA11yViolations(page);
    // Choosing keeps the address; sync stays off (nothing listens until an invite or a join).
    if (options.length > 1) {
      const lan = await select.locator('option').nth(1).getAttribute('value');
      await select.selectOption(lan ?? '');
      await expect(select).toHaveValue(lan ?? '');
      await expect(share).toContainText('Sync is off');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await share.screenshot({ path: screenshotPath(`sync-reachable-lan-${scheme}`) });
      }
      await select.selectOption('127.0.0.1');
    }
    await share.getByRole('button', { name: 'Invite a laptop' }).click();
    await expect(share).toContainText(/Sync is on \(127\.0\.0\.1:\d+\)/);
  });
});
