import { join } from 'node:path';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotScreen, test } from './harness';

// The five real playbooks, copied into the repository's fixtures (see shared/playbook/fixtures/real/README.md).
const realPlaybook = (name: string) => join(process.cwd(), 'shared', 'playbook', 'fixtures', 'real', name);

test.describe('playbook library', () => {
  test('imports a real playbook, shows what was and was not understood, saves it, and declares with it', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await page.getByRole('link', { name: 'Playbooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Playbooks' })).toBeVisible();
    // Our default playbook is there from the start.
    await expect(page.getByText(/Cordon default|NIST/i).first()).toBeVisible();

    await page.getByLabel('Import playbook').setInputFiles(realPlaybook('memory-service-procedures.md'));
    // The review screen: the source with line numbers beside the mapped playbook.
    await expect(page.getByTestId('import-summary')).toContainText('4 levels');
    await expect(page.getByText(/not understood/i).first()).toBeVisible();
    // The source is shown as written, mojibake and all; what was mapped has it repaired.
    const mapped = page.locator('.pb-split-mapped');
    const values = await mapped.evaluate((root) =>
      [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => field.value).join('\n'),
    );
    expect(values).toContain('P0');
    expect(values).not.toMatch(/â”|â€|Ã/);
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'playbook-review-light');
    await page.getByRole('button', { name: 'Save to library' }).click();
    await expect(page.getByText(/version 1|v1/i).first()).toBeVisible();

    // A second import, of another shape, in the dark theme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: /Library|All playbooks|Back/i }).first().click();
    await page.getByLabel('Import playbook').setInputFiles(realPlaybook('mekong-security-runbook.md'));
    await expect(page.getByTestId('import-summary')).toContainText('4 levels');
    await screenshotScreen(page, 'playbook-review-dark');
    await page.getByRole('button', { name: 'Save to library' }).click();

    // Declare an incident on the imported playbook: its levels are the ones offered.
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('button', { name: /Declare incident/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Suspicious admin logins from a new ASN');
    const select = dialog.getByLabel('Playbook');
    const option = select.locator('option', { hasText: /Mekong|Security Runbook/i });
    await select.selectOption({ label: (await option.first().textContent()) ?? '' });
    await dialog.getByRole('radio', { name: /HIGH/ }).check();
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await expect(page.locator('.wr-header')).toContainText('HIGH');
    // Its phases are the imported ones.
    await expect(page.getByRole('tab', { name: /Identification/ })).toBeVisible();
    await expect(page.getByRole('tab', { name: /Lessons Learned/ })).toBeVisible();
  });

  test('refuses a binary file with a clear message and saves nothing', async ({ page, harness }) => {
    await openCordon(page, harness);
    await page.getByRole('link', { name: 'Playbooks' }).click();
    await page.getByLabel('Import playbook').setInputFiles({ name: 'photo.md', mimeType: 'text/markdown', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00]) });
    await expect(page.getByRole('alert')).toContainText(/binary|not Markdown|text/i);
    await expect(page.getByRole('button', { name: 'Save to library' })).toHaveCount(0);
  });
});
