import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test } from './harness';

// Two Cordons on one machine (two harnesses, each its own data dir and store), over 127.0.0.1.
test.describe('two laptops on one incident', () => {
  test('invite, compare fingerprints, admit; a note on one appears on the other', async ({ browser, harness, freshHarness }) => {
    test.setTimeout(180_000);
    const commander = await (await browser.newContext()).newPage();
    const scribe = await (await browser.newContext()).newPage();
    await openCordon(commander, harness);
    await openCordon(scribe, freshHarness);

    await commander.keyboard.press('Control+Shift+D');
    const dialog = commander.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Payments API down in eu-west');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await expect(commander.locator('.wr-header')).toContainText('Payments API down in eu-west');

    const share = commander.getByRole('region', { name: 'Share this incident' });
    await expect(share).toContainText('Sync is off');
    await share.getByRole('button', { name: 'Invite a laptop' }).click();
    const codeBox = share.getByRole('textbox', { name: /One-time invite code/ });
    await expect(codeBox).not.toHaveValue('');
    const code = await codeBox.inputValue();

    const join = scribe.getByRole('region', { name: 'Join an incident on another laptop' });
    await join.getByRole('textbox', { name: 'Invite code' }).fill('not a code');
    await join.getByRole('button', { name: 'Join' }).click();
    await expect(join.getByRole('alert')).toContainText('not a Cordon invite code');
    await join.getByRole('textbox', { name: 'Invite code' }).fill(code);
    await join.getByRole('button', { name: 'Join' }).click();
    const scribeFingerprint = join.getByLabel('Fingerprint');
    await expect(scribeFingerprint).toHaveText(/^\d{3} \d{3} \d{3}$/);

    const request = share.getByRole('group', { name: /asks to join/ });
    await expect(request.getByLabel('Fingerprint')).toHaveText((await scribeFingerprint.textContent()) ?? '');
    for (const scheme of ['light', 'dark'] as const) {
      await commander.emulateMedia({ colorScheme: scheme });
      await share.scrollIntoViewIfNeeded();
      await commander.screenshot({ path: screenshotPath(`sync-request-${scheme}`), fullPage: false });
      await scribe.emulateMedia({ colorScheme: scheme });
      await scribe.screenshot({ path: screenshotPath(`sync-join-${scheme}`) });
    }
    await expectNoSeriousA11yViolations(commander);
    await expectNoSeriousA11yViolations(scribe);
    await request.getByRole('button', { name: /^Admit/ }).click();

    await join.getByRole('button', { name: 'Open the incident' }).click();
    await expect(scribe.locator('.wr-header')).toContainText('Payments API down in eu-west');
    const quickAdd = scribe.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('Rolled back payments-api to 4.2.0');
    await quickAdd.press('Enter');

    // One timeline: the scribe's note is on the commander's own war-room timeline, marked with its laptop.
    const timeline = commander.getByRole('region', { name: 'Timeline', exact: true });
    const synced = timeline.getByRole('listitem').filter({ hasText: 'Rolled back payments-api to 4.2.0' });
    await expect(synced).toContainText('’s laptop');
    await expect(timeline).toContainText('Laptop admitted');
    await expect(share.getByRole('table')).toContainText('verified');
    for (const scheme of ['light', 'dark'] as const) {
      await commander.emulateMedia({ colorScheme: scheme });
      await timeline.scrollIntoViewIfNeeded();
      await commander.screenshot({ path: screenshotPath(`sync-warroom-${scheme}`) });
      await share.scrollIntoViewIfNeeded();
      await share.screenshot({ path: screenshotPath(`sync-shared-${scheme}`) });
    }
    await expectNoSeriousA11yViolations(commander);
  });
});
