import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, readTimeline, screenshotScreen, test, testUser } from './harness';

// The war-room intents warroom.spec.ts does not reach: star a note, add and tick an item of
// one's own, assign it, hand off and release a role, flag personal data and mark a regulator
// notified. Each is one contract method; the timeline shows what each wrote.
test.describe('war room intents', () => {
  test('star, add and assign an item, hand off and release a role, personal data and a regulator notice', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Customer records exported by a stolen token');
    await expect(dialog.getByLabel('Playbook')).toHaveValue('cordon-default');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const header = page.locator('.wr-header');
    await expect(header).toContainText('Customer records exported by a stolen token');

    // A note, then starred from the timeline.
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('Token last used from 203.0.113.7');
    await quickAdd.press('Enter');
    await expect(page.getByText('Token last used from 203.0.113.7')).toBeVisible();
    const star = page.getByRole('button', { name: 'Key event #2' });
    await expect(star).toHaveAttribute('aria-pressed', 'false');
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');

    // An item of our own in the first phase: added, ticked, assigned.
    const checklist = page.getByRole('region', { name: 'Checklist', exact: true });
    await checklist.getByRole('button', { name: 'Start Preparation' }).click();
    await checklist.getByRole('textbox', { name: 'Add an item to Preparation' }).fill('Revoke the leaked token');
    await checklist.getByRole('button', { name: 'Add', exact: true }).click();
    const item = checklist.getByRole('checkbox', { name: 'Revoke the leaked token' });
    await expect(item).not.toBeChecked();
    await item.click();
    await expect(item).toBeChecked();
    await checklist.getByRole('button', { name: 'Assign “Revoke the leaked token”' }).click();
    await checklist.getByRole('combobox', { name: 'Assign “Revoke the leaked token” to' }).fill('Sam Okafor');
    await checklist.getByRole('combobox', { name: 'Assign “Revoke the leaked token” to' }).press('Enter');
    await expect(checklist).toContainText('Sam Okafor');

    // The commander role passes to a colleague; the scribe role is taken, then released.
    const roles = page.getByRole('region', { name: 'Roles', exact: true });
    // The declaration named the commander (the declare dialog fills in the user).
    await expect(header).toContainText(testUser);
    await roles.getByRole('button', { name: /Hand off Incident Commander/ }).click();
    await roles.getByRole('combobox', { name: /Hand off Incident Commander to/ }).fill('Ana Lima');
    await roles.getByRole('combobox', { name: /Hand off Incident Commander to/ }).press('Enter');
    await expect(header).toContainText('Ana Lima');
    await roles.getByRole('button', { name: 'Assign Scribe' }).click();
    await roles.getByRole('combobox', { name: 'Assign Scribe to' }).fill('Bo Chen');
    await roles.getByRole('combobox', { name: 'Assign Scribe to' }).press('Enter');
    await expect(roles).toContainText('Bo Chen');
    await roles.getByRole('button', { name: 'Release Scribe' }).click();
    await expect(roles).not.toContainText('Bo Chen');

    // Personal data starts the clocks; a duty marked notified stops its clock.
    const compliance = page.getByRole('region', { name: 'Compliance', exact: true });
    // Checked when the store confirms it, as every war-room control.
    const personalData = compliance.getByRole('checkbox', { name: 'Personal data is involved' });
    await personalData.click();
    await expect(personalData).toBeChecked();
    await expect(compliance).toContainText('regulatory clocks are running');
    await compliance.getByRole('textbox', { name: /Authority notified for GDPR Art\. 33/ }).fill('CNIL');
    await compliance.getByRole('button', { name: 'Mark notified' }).first().click();
    await expect(compliance).toContainText('Notified at');

    const text = (await readTimeline(page)).join('\n');
    for (const line of [
      'Ticked “Revoke the leaked token”',
      'Assigned “Revoke the leaked token” to Sam Okafor',
      'Ana Lima is now Incident Commander',
      'Scribe released',
      'Personal data is involved: regulatory clocks started',
      'Regulator notified for GDPR Art. 33',
    ]) {
      expect(text, `timeline text:\n${text}`).toContain(line);
    }
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'warroom-intents-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotScreen(page, 'warroom-intents-dark');
  });
});
