import { join } from 'node:path';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotScreen, test } from './harness';

// Documents written by other teams, imported through the UI: a tabletop document becomes a
// scenario that is still in the library after a reload and runs; a document with no injects
// says so and lists what was not understood; a playbook's review shows the choices the
// importer made and switches one with a click.
const corpus = (kind: 'playbooks' | 'tabletops', name: string) => join(process.cwd(), 'shared', 'playbook', 'fixtures', 'corpus', kind, `${name}.md`);

test.describe('importing other teams’ documents', () => {
  test('a tabletop document imports, survives a reload and starts', async ({ page, freshHarness }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, freshHarness);
    await page.getByRole('link', { name: 'Exercises' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible();

    await page.getByText('Import a scenario (Markdown tabletop document or YAML)').click();
    await page.getByLabel('Load from a file').setInputFiles(corpus('tabletops', 'rotary-tabletop-90min'));
    await expect(page.getByLabel('Document')).toHaveValue(/Suspicious Item/);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('status', { name: 'Import result' });
    await expect(result).toContainText('Imported “Tabletop Exercise (90 minutes)');
    await expect(result.getByRole('list', { name: 'Not understood' })).toContainText('Line');
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'exercise-import-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotScreen(page, 'exercise-import-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // After a reload it is still in the library, and it runs.
    await page.reload();
    await openCordon(page, freshHarness);
    await page.getByRole('link', { name: 'Exercises' }).click();
    const card = page.getByRole('list', { name: 'Scenarios' }).getByRole('listitem').filter({ hasText: 'Suspicious Item' });
    await expect(card).toContainText('8 injects');
    await card.getByRole('button', { name: /Start exercise: Tabletop Exercise/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Declare exercise incident' }).click();
    const queue = page.getByRole('table', { name: 'Injects' });
    await expect(queue.getByRole('row')).toHaveCount(9);
    await expect(queue.getByRole('row', { name: /Report #2/ })).toContainText('T+10m');
    await expect(queue.getByRole('row', { name: /Social media starts/ })).toContainText('T+55m');
    await page.getByRole('button', { name: 'Start clock' }).click();
    await expect(queue.getByRole('row', { name: /Report #1/ })).toContainText('Fired');
  });

  test('a document with no injects is refused with every line not understood', async ({ page, freshHarness }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openCordon(page, freshHarness);
    await page.getByRole('link', { name: 'Exercises' }).click();
    await page.getByText('Import a scenario (Markdown tabletop document or YAML)').click();
    await page.getByLabel('Load from a file').setInputFiles(corpus('playbooks', 'k8s-src-token-leak'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByRole('status', { name: 'Import result' });
    await expect(result).toContainText('Nothing was imported.');
    await expect(result).toContainText('no injects found');
    await expect(result.getByRole('list', { name: 'Not understood' }).getByRole('listitem').first()).toContainText('Line');
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'exercise-import-failed-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshotScreen(page, 'exercise-import-failed-light');
    // Nothing was added to the library.
    await expect(page.getByRole('list', { name: 'Scenarios' }).getByRole('listitem')).toHaveCount(6);
  });

  test('the playbook review shows the choices made and switches one with a click', async ({ page, freshHarness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, freshHarness);
    await page.getByRole('link', { name: 'Playbooks' }).click();
    await page.getByLabel('Import playbook').setInputFiles(corpus('playbooks', 'eks-incident-response'));
    await expect(page.getByTestId('import-summary')).toContainText('7 phases');
    const choices = page.getByRole('region', { name: /Choices Cordon made/ });
    await expect(choices).toBeVisible();
    const flip = choices.getByRole('button', { name: /Is “Cordon the worker node” a phase\? Use instead: Not a phase/ });
    // A short list of phase questions is shown open; a long one is folded.
    if (!(await flip.isVisible())) await choices.getByText(/Headings that may or may not be phases/).click();
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'playbook-choices-light');
    await flip.click();
    await expect(page.getByTestId('import-summary')).toContainText('6 phases');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotScreen(page, 'playbook-choices-dark');
  });
});
