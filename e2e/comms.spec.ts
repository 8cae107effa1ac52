import { readFileSync } from 'node:fs';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, readTimeline, screenshotPath, screenshotScreen, test, testUser } from './harness';

test.describe('stakeholder updates', () => {
  test('draft from the record, copy, mark sent, see it on the timeline, the clock restart and the post-mortem', async ({ page, harness, context }) => {
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    await page.emulateMedia({ colorScheme: 'light' });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${m.location().url}`));
    // The page's clock is ours to move, so "an update is due" need not wait half an hour.
    await page.clock.install();
    await openCordon(page, harness);

    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Card payments failing in the EU');
    await dialog.getByRole('radio', { name: /SEV1/ }).check();
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const header = page.locator('.wr-header');
    await expect(header).toContainText('Card payments failing in the EU');
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('!Authorisations failing at 30% on payments-api-2');
    await quickAdd.press('Enter');
    await expect(page.getByText('Authorisations failing at 30% on payments-api-2').first()).toBeVisible();

    // The panel: the playbook's audiences, their cadence at SEV1, and a countdown each.
    const panel = page.getByRole('region', { name: 'Stakeholder updates' });
    const screenshotPanel = async (name: string) => {
      await page.setViewportSize({ width: 1600, height: 1400 });
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: screenshotPath(name) });
      await page.setViewportSize({ width: 1360, height: 860 });
    };
    const row = (name: string) => panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
    await expect(row('Internal responders')).toContainText('every 30 min');
    await expect(row('Internal responders')).toContainText('To: #incident channel, engineering leadership');
    await expect(row('Executives')).toContainText('every hour');
    await expect(row('Customers')).toContainText('every hour');
    await expect(row('Regulator')).toContainText('Starts when personal data is flagged');
    await expect(row('Internal responders').getByRole('timer', { name: /Next update: (29|30):\d\d left, on track/ })).toBeVisible();

    // "Draft an update" from the command palette: the internal declaration, filled from the record.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Type a command' }).fill('draft an update');
    await page.keyboard.press('Enter');
    const draft = panel.getByRole('region', { name: /Update to Internal responders/ });
    await expect(draft).toBeVisible();
    const text = draft.getByRole('textbox', { name: 'Text' });
    await expect(text).toBeFocused();
    await expect(draft.getByRole('textbox', { name: 'Subject' })).toHaveValue('SEV1 (Critical) Incident declared: Card payments failing in the EU');
    await expect(text).toHaveValue(/^We have declared a SEV1 \(Critical\) incident: Card payments failing in the EU\.\n/);
    await expect(text).toHaveValue(new RegExp(`Incident Commander: ${testUser}\\n`));
    await expect(text).toHaveValue(/Next update: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    await expect(draft.getByRole('status')).toHaveText('2 fields to complete: [WHO AND WHAT IS AFFECTED], [CHANNEL]');
    await expect(draft.locator('mark')).toHaveText(['[WHO AND WHAT IS AFFECTED]', '[CHANNEL]']);
    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'comms-draft-light');
    await screenshotPanel('comms-panel-light');

    // Complete the fields, copy, mark sent.
    const filled = (await text.inputValue()).replace('[WHO AND WHAT IS AFFECTED]', 'EU card payments, about 30% failing').replace('[CHANNEL]', '#inc-payments');
    await text.fill(filled);
    await expect(draft.getByRole('status')).toHaveText('Every field is filled in.');
    await draft.getByRole('button', { name: 'Copy text' }).click();
    await expect(panel.getByText('Copied as plain text.')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`Subject: SEV1 (Critical) Incident declared: Card payments failing in the EU\n\n${filled}\n`);
    await draft.getByRole('button', { name: 'Mark sent to Internal responders' }).click();
    await expect(panel.getByText('Logged as sent to Internal responders.')).toBeVisible();
    await expect(draft).toBeHidden();
    await expect(row('Internal responders')).toContainText(testUser);
    await expect(row('Internal responders').getByRole('timer', { name: /Next update: (29|30):\d\d left/ })).toBeVisible();

    // A second audience with the U shortcut: customers, from the playbook's customer template,
    // with nothing internal in it; saved as Markdown, marked sent with fields left.
    await row('Customers').getByRole('button', { name: 'Draft an update for Customers' }).click();
    const customers = panel.getByRole('region', { name: /Update to Customers/ });
    const customerText = customers.getByRole('textbox', { name: 'Text' });
    await expect(customerText).toHaveValue(/^We are investigating an issue affecting \[SERVICE\] since \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\nCurrent status: INVESTIGATING\n/);
    await expect(customers.getByRole('textbox', { name: 'Subject' })).toHaveValue('Service incident update: Card payments failing in the EU');
    await customerText.fill(`${await customerText.inputValue()}\nPlease contact ops on payments-api-2.`);
    await expect(customers.getByRole('alert')).toContainText('internal detail: payments-api-2');
    await customerText.fill((await customerText.inputValue()).replace('\nPlease contact ops on payments-api-2.', '').replace('[SERVICE]', 'card payments'));
    await expect(customers.getByRole('alert')).toHaveCount(0);
    const download = page.waitForEvent('download');
    await customers.getByRole('button', { name: 'Save as .md' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^update-customers-[0-9a-f]{8}-\d{8}-\d{4}\.md$/);
    const saved = readFileSync(await file.path(), 'utf8');
    expect(saved).toMatch(/^## Service incident update: Card payments failing in the EU\n\nWe are investigating an issue affecting card payments since/);
    await customers.getByRole('button', { name: 'Mark sent to Customers' }).click();
    await customers.getByRole('button', { name: 'Mark sent anyway (1 left to complete)' }).click();
    await expect(panel.getByText('Logged as sent to Customers.')).toBeVisible();

    // The timeline has both, with their text.
    const rows = await readTimeline(page);
    expect(rows.some((r) => r.includes('Update sent to Internal responders: SEV1 (Critical) Incident declared') && r.includes('#inc-payments'))).toBe(true);
    expect(rows.some((r) => r.includes('Update sent to Customers: Service incident update') && r.includes('card payments'))).toBe(true);

    // Dark theme, with a draft open from the shortcut.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('u');
    await expect(panel.getByRole('region', { name: /Update to / })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshotPanel('comms-panel-dark');
    await panel.getByRole('button', { name: 'Discard draft' }).click();

    // Half an hour on, the responders are owed an update: the header says so, and takes you to its draft.
    await expect(header.getByRole('button', { name: /Update due for/ })).toHaveCount(0);
    await page.clock.fastForward('31:00');
    const due = header.getByRole('button', { name: 'Update due for Internal responders: draft it' });
    await expect(due.getByRole('timer')).toHaveAccessibleName(/Update to Internal responders: over by 0\d:\d\d, overdue/);
    await screenshotScreen(page, 'comms-header-due-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshotScreen(page, 'comms-header-due-light');
    await due.click();
    await expect(panel.getByRole('region', { name: 'Update to Internal responders (Internal)' })).toBeVisible();
    await panel.getByRole('button', { name: 'Discard draft' }).click();

    // The post-mortem lists the messages sent.
    await page.getByRole('button', { name: 'Post-mortem' }).click();
    await page.getByRole('button', { name: 'Draft from the record' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('heading', { name: 'Messages sent' })).toBeVisible();
    await expect(preview).toContainText('2 updates sent.');
    await expect(preview).toContainText('1. Internal responders');
    await expect(preview).toContainText('2. Customers');
    await expect(preview).toContainText('EU card payments, about 30% failing');
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  test('an exercise keeps its own updates, on exercise time', async ({ page, harness }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await page.getByRole('link', { name: 'Exercises' }).click();
    await page.getByRole('button', { name: 'Start exercise: Compromised API key' }).click();
    const dialog = page.getByRole('dialog', { name: /Start Compromised API key/ });
    await dialog.getByLabel('Clock speed').selectOption('60');
    await dialog.getByRole('button', { name: 'Declare exercise incident' }).click();
    await page.getByRole('button', { name: 'Start clock' }).click();
    await page.getByRole('button', { name: 'Open the participants’ war room' }).click();
    await expect(page.locator('.exercise-banner')).toBeVisible();

    const panel = page.getByRole('region', { name: 'Stakeholder updates' });
    await expect(panel).toContainText('Exercise: these clocks run in exercise time');
    // No severity yet: responders every hour. At 60x, an hour of exercise time is a minute of wall time.
    const internal = panel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Internal responders/ }) });
    await expect(internal).toContainText('every hour');
    await expect(internal.getByRole('timer', { name: /Next update: [0-4]\d:\d\d left/ })).toBeVisible({ timeout: 20_000 });
    await internal.getByRole('button', { name: 'Draft an update for Internal responders' }).click();
    await expect(panel.getByRole('textbox', { name: 'Text' })).toHaveValue(/\nNext update: T\+1h \d+m \(exercise time\)$/);
    await panel.getByRole('button', { name: /Mark sent/ }).click();
    await panel.getByRole('button', { name: /Mark sent anyway/ }).click();
    await expect(panel.getByText('Logged as sent to Internal responders.')).toBeVisible();
    await expect(internal).toContainText(/T\+\d+m \(exercise\)/);
    await expect(internal.getByRole('timer', { name: /Next update: 5\d:\d\d left/ })).toBeVisible();
    await screenshotScreen(page, 'comms-exercise');
    const rows = await readTimeline(page);
    expect(rows.some((r) => r.includes('Update sent to Internal responders'))).toBe(true);
  });
});
