import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, readTimeline, screenshotPath, screenshotScreen, test, testUser } from './harness';

test.describe('war room', () => {
  test('declare, call severity on the matrix, take notes, work the checklist, hand off, resolve', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();

    // Declare from the keyboard shortcut.
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('What is happening?').fill('Checkout API returning 500s');
    await expect(dialog.getByLabel('Playbook')).toHaveValue('cordon-default');
    await dialog.getByRole('radio', { name: /SEV3/ }).check();
    await expect(dialog.getByLabel('Incident commander')).toHaveValue(testUser);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Declare incident' }).click();

    const header = page.locator('.wr-header');
    await expect(header).toContainText('Checkout API returning 500s');
    await expect(header).toContainText('SEV3');
    await expect(header).toContainText(testUser);
    await expect(page).toHaveTitle('Checkout API returning 500s · Cordon');

    // Severity on the matrix, with a rationale.
    await page.getByRole('button', { name: /Extensive, Urgency High/ }).click();
    const rationale = page.getByRole('form', { name: /Set severity to SEV1/ });
    await rationale.getByRole('textbox').fill('All EU customers cannot pay');
    await rationale.getByRole('button', { name: 'Set SEV1' }).click();
    await expect(header).toContainText('SEV1');

    // Notes: one now, one backdated with a typed time, one marked key.
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('Error rate at 40% on checkout-api');
    await quickAdd.press('Enter');
    await expect(page.getByText('Error rate at 40% on checkout-api')).toBeVisible();
    await quickAdd.fill('@-30m Deploy 2024.11.3 rolled out to eu-west');
    await quickAdd.press('Enter');
    await expect(page.getByText('Deploy 2024.11.3 rolled out to eu-west')).toBeVisible();
    await quickAdd.fill('!Rollback started');
    await quickAdd.press('Enter');
    await expect(page.getByText('Rollback started')).toBeVisible();

    // Checklist: start the first phase, tick items, advance.
    const checklist = page.getByRole('region', { name: 'Checklist' });
    await checklist.getByRole('button', { name: 'Start Preparation' }).click();
    await expect(checklist.getByRole('tab', { name: /Preparation/, selected: true })).toBeVisible();
    const boxes = checklist.getByRole('checkbox');
    // A tick is written to the store first and shown when the store confirms it.
    await boxes.nth(0).click();
    await expect(boxes.nth(0)).toBeChecked();
    await boxes.nth(1).click();
    await expect(boxes.nth(1)).toBeChecked();
    await checklist.getByRole('button', { name: /Advance to/ }).click();
    const confirm = page.getByRole('dialog').or(page.getByRole('alertdialog'));
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: /Advance/ }).click();

    // Roles: hand the scribe role to a colleague.
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('button', { name: /Assign Scribe/i }).click();
    await roles.getByRole('combobox', { name: 'Assign Scribe to' }).fill('Sam Okafor');
    await roles.getByRole('combobox', { name: 'Assign Scribe to' }).press('Enter');
    await expect(roles).toContainText('Sam Okafor');

    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'warroom-light');

    // Resolve.
    await page.getByRole('radio', { name: 'Resolved' }).click();
    await expect(header).toContainText('Resolved');

    // The timeline holds it all, in the order it happened (the backdated deploy first).
    const rows = await readTimeline(page);
    const text = rows.join('\n');
    const order = [
      'Deploy 2024.11.3 rolled out to eu-west',
      'Incident declared: Checkout API returning 500s',
      'Severity set to SEV1',
      'Error rate at 40% on checkout-api',
      'Rollback started',
      'Sam Okafor',
      'Status set to Resolved',
    ].map((needle) => text.indexOf(needle));
    expect(order.every((index) => index >= 0), `timeline text:\n${text}`).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Everything survives a reload: it was read back from the encrypted store.
    await page.reload();
    await expect(header).toContainText('SEV1');
    await expect(header).toContainText('Resolved');
    await expect(page.getByText('Rollback started')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Roles' })).toContainText('Sam Okafor');

    // The chain checks out, through the real store behind the harness.
    const integrity = page.getByRole('region', { name: 'Log integrity' });
    await integrity.getByRole('button', { name: 'Verify the log' }).click();
    await expect(integrity.getByRole('status')).toContainText(/Intact\. \d+ events, ending in [0-9a-f]{12}…/);
    await integrity.scrollIntoViewIfNeeded();
    await integrity.screenshot({ path: screenshotPath('warroom-integrity') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: /Presenter mode/ }).click();
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'warroom-dark-presenter');
    await page.keyboard.press('p');
    await screenshotScreen(page, 'warroom-dark');
    await integrity.getByRole('button', { name: 'Verify the log' }).click();
    await expect(integrity.getByRole('status')).toContainText('Intact.');
    await integrity.screenshot({ path: screenshotPath('warroom-integrity-dark') });

    // And the incident is on the home list with its severity.
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('radio', { name: 'All' }).check();
    const row = page.getByRole('row', { name: /Checkout API returning 500s/ });
    await expect(row).toContainText('SEV1');
    await expect(row).toContainText('Resolved');
    await screenshotScreen(page, 'incidents-dark');
  });
});
