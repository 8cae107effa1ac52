import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test } from './harness';

// Star, amend and redact another laptop's event: written on the commander's laptop, shown on
// both (two harnesses on one machine, over 127.0.0.1).

/** The commander declares `title` and admits the scribe's laptop; the scribe opens the incident. */
async function shareIncident(commander: Page, scribe: Page, title: string): Promise<void> {
  await commander.keyboard.press('Control+Shift+D');
  const dialog = commander.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('What is happening?').fill(title);
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(commander.locator('.wr-header')).toContainText(title);
  const share = commander.getByRole('region', { name: 'Share this incident' });
  await share.getByRole('button', { name: 'Invite a laptop' }).click();
  const codeBox = share.getByRole('textbox', { name: /One-time invite code/ });
  await expect(codeBox).not.toHaveValue('');
  const join = scribe.getByRole('region', { name: 'Join an incident on another laptop' });
  await join.getByRole('textbox', { name: 'Invite code' }).fill(await codeBox.inputValue());
  await join.getByRole('button', { name: 'Join' }).click();
  await share.getByRole('group', { name: /asks to join/ }).getByRole('button', { name: /^Admit/ }).click();
  // The Join card offers to open the incident once its declaration is on the scribe's laptop.
  await join.getByRole('button', { name: 'Open the incident' }).click();
  await expect(scribe.locator('.wr-header')).toContainText(title);
}

test('the commander stars, amends and redacts the scribe’s note; both laptops show it', async ({ browser, harness, freshHarness }) => {
  test.setTimeout(180_000);
  const commander = await (await browser.newContext()).newPage();
  const scribe = await (await browser.newContext()).newPage();
  await openCordon(commander, harness);
  await openCordon(scribe, freshHarness);
  await shareIncident(commander, scribe, 'Warehouse scanners offline');

  const quickAdd = scribe.getByRole('textbox', { name: 'Add to timeline' });
  await quickAdd.fill('Restarted the scanner gateway on wh-gw-2');
  await quickAdd.press('Enter');

  const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline', exact: true });
  const row = (page: Page, text: string) => timeline(page).getByRole('listitem').filter({ hasText: text });
  await expect(row(commander, 'Restarted the scanner gateway')).toContainText('’s laptop');
  // The note's own row on either laptop (its corrections get rows of their own).
  const id = await row(commander, 'Restarted the scanner gateway').getAttribute('data-event-id');
  const note = (page: Page) => timeline(page).locator(`[role="listitem"][data-event-id="${id}"]`);
  const synced = note(commander);

  await synced.getByRole('button', { name: /^Key event #\d+ from .*’s laptop$/ }).click();
  await expect(synced.getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'true');

  await synced.getByRole('button', { name: /^Amend event #\d+ from .*’s laptop$/ }).click();
  const amend = commander.getByRole('dialog', { name: /^Amend event #\d+ from .*’s laptop$/ });
  await amend.getByLabel('Reason').fill('it was wh-gw-3');
  await amend.getByLabel('Text').fill('Restarted the scanner gateway on wh-gw-3');
  await amend.getByRole('button', { name: 'Save amendment' }).click();
  for (const page of [commander, scribe]) {
    await expect(note(page)).toContainText('Restarted the scanner gateway on wh-gw-3');
    await expect(note(page)).toContainText('amended');
    await expect(note(page).getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'true');
  }
  for (const scheme of ['light', 'dark'] as const) {
    await commander.emulateMedia({ colorScheme: scheme });
    await timeline(commander).scrollIntoViewIfNeeded();
    await timeline(commander).screenshot({ path: screenshotPath(`sync-amend-peer-${scheme}`) });
  }
  await expectNoSeriousA11yViolations(commander);

  await synced.getByRole('button', { name: /^Redact event #\d+ from .*’s laptop$/ }).click();
  const redact = commander.getByRole('dialog', { name: /^Redact event #\d+ from .*’s laptop$/ });
  await redact.getByLabel('Reason').fill('named the wrong site');
  await redact.getByRole('button', { name: 'Redact' }).click();
  for (const page of [commander, scribe]) {
    await expect(note(page)).toContainText('Redacted: named the wrong site');
    await expect(note(page)).not.toContainText('Restarted the scanner gateway');
  }
  for (const scheme of ['light', 'dark'] as const) {
    await scribe.emulateMedia({ colorScheme: scheme });
    await timeline(scribe).screenshot({ path: screenshotPath(`sync-redact-peer-${scheme}`) });
  }
  await expectNoSeriousA11yViolations(scribe);
  // The commander's harness serves this worker's other tests: sync goes back off.
  const share = commander.getByRole('region', { name: 'Share this incident' });
  await share.getByRole('button', { name: 'Stop syncing' }).click();
  await expect(share).toContainText('Sync is off');
});
