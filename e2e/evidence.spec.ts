import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test, type Harness } from './harness';
import type { Page } from '@playwright/test';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function declare(page: Page, title: string) {
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('What is happening?').fill(title);
  await dialog.getByRole('radio', { name: /SEV3/ }).check();
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('.wr-header')).toContainText(title);
}

async function shootPanel(page: Page, name: string, region: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const panel = page.getByRole('region', { name: region });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath(`${name}-${scheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('evidence in the war room', () => {
  test('attach by picker and by drop with a note, list with hash and custody, export a copy as a download', async ({ page, harness }) => {
    await openCordon(page, harness);
    await declare(page, 'Phishing wave against finance');
    const panel = page.getByRole('region', { name: 'Evidence' });
    await expect(panel.getByText('No evidence yet.')).toBeVisible();

    // Bad input first: an empty file is refused in words, nothing is attached.
    await panel.getByLabel('File').setInputFiles({ name: 'empty.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(0) });
    await expect(panel.getByRole('alert')).toHaveText('empty.eml is empty: there is nothing to keep as evidence. Nothing was attached.');
    await expect(panel.getByRole('button', { name: 'Attach as evidence' })).toBeDisabled();

    // Picker, with a note; 2.5 MB so it travels in three chunks.
    const mail = Buffer.concat([Buffer.from('From: ceo@examp1e.com\nSubject: urgent wire\n\n'), Buffer.alloc(2_500_000, 0x41)]);
    await panel.getByLabel('File').setInputFiles({ name: 'phish.eml', mimeType: 'message/rfc822', buffer: mail });
    await panel.getByLabel('Note (what it is, where it came from)').fill('Forwarded by Ana from the finance inbox');
    await panel.getByRole('button', { name: 'Attach as evidence' }).click();
    await expect(panel.getByRole('status')).toContainText(`Attached phish.eml (SHA-256 ${sha(mail).slice(0, 12)}…).`);
    const row = panel.locator('li.evidence-item').filter({ hasText: 'phish.eml' });
    await expect(row).toContainText('2.4 MB');
    await expect(row).toContainText(`SHA-256 ${sha(mail).slice(0, 16)}…`);
    await expect(row).toContainText('Forwarded by Ana from the finance inbox');
    await expect(row).toContainText('Chain of custody (0 copies exported)');

    // Dropped onto the war room (anywhere, here the timeline), then attached.
    const headers = 'GET /login HTTP/1.1\nHost: intranet\n';
    await page.getByRole('region', { name: 'Timeline events' }).evaluate((target, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'proxy.log', { type: 'text/plain' }));
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: transfer }));
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, headers);
    await expect(panel.getByText('Ready: proxy.log')).toBeVisible();
    await panel.getByRole('button', { name: 'Attach as evidence' }).click();
    await expect(panel.locator('li.evidence-item').filter({ hasText: 'proxy.log' })).toContainText(`SHA-256 ${sha(headers).slice(0, 16)}…`);

    // Export a copy: the browser downloads the exact bytes; the copy joins the chain of custody.
    const downloading = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export a copy of phish.eml' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('phish.eml');
    expect(sha(readFileSync((await download.path())!))).toBe(sha(mail));
    await expect(panel.getByRole('status')).toContainText('Exported phish.eml (downloaded by the browser); the copy is recorded');
    await expect(row).toContainText('Chain of custody (1 copy exported)');
    await row.getByText(/Chain of custody/).click();
    await expect(row).toContainText('exported by Dana Reyes to browser download: phish.eml');
    // And on the timeline.
    await expect(page.getByRole('region', { name: 'Timeline events' })).toContainText(/phish\.eml/);

    await expectNoSeriousA11yViolations(page);
    await shootPanel(page, 'evidence-panel', 'Evidence');
  });
});

test.describe('a damaged store', () => {
  test('the check after unlock says "this store is damaged" and names the backup to restore', async ({ page, freshHarness }) => {
    const harness: Harness = freshHarness;
    await openCordon(page, harness);
    await declare(page, 'Disk trouble drill');
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    for (let i = 0; i < 25; i++) {
      await quickAdd.fill(`Observation ${i}: ${'disk latency rising on db-7 '.repeat(12)}`);
      await quickAdd.press('Enter');
    }
    await expect(page.getByText('Observation 24:')).toBeVisible();
    const integrity = page.getByRole('region', { name: 'Log integrity' });
    await integrity.getByRole('button', { name: 'Verify the log' }).click();
    await expect(integrity.getByRole('status')).toContainText('Intact.');
    const incidentUrl = page.url();

    // Locked (which writes a rolling backup), then one bit flipped in the middle of the closed file.
    await page.evaluate(() => window.cordon?.vaultLock());
    const file = join(harness.dataDir, 'cordon.db');
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length / 4096 / 2) * 4096 + 777;
    bytes[at] = (bytes[at] ?? 0) ^ 0x04;
    writeFileSync(file, bytes);

    await openCordon(page, harness);
    // On whatever screen opens first, a banner says so.
    const banner = page.getByRole('alert', { name: 'Store damaged' });
    await expect(banner).toContainText('This store is damaged.');
    await expect(banner).toContainText('restore the newest backup that verifies');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`store-damaged-banner-${scheme}`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(incidentUrl);
    const alert = integrity.getByRole('alert');
    await expect(alert).toContainText('This store is damaged.');
    await expect(alert).toContainText('restore the newest backup that verifies');
    await expect(integrity).not.toContainText('Intact.');
    await expect(integrity).not.toContainText(/internal|Something went wrong/);
    await shootPanel(page, 'integrity-damaged', 'Log integrity');

    // Restoring it brings back an intact store.
    await alert.getByRole('button', { name: 'Restore this backup' }).click();
    await alert.getByRole('button', { name: 'Replace the store with this backup' }).click();
    await expect(integrity.getByText(/^Restored: 1 incidents/)).toBeVisible();
    await integrity.getByRole('button', { name: 'Verify the log' }).click();
    await expect(integrity.getByRole('status').filter({ hasText: 'Intact.' })).toBeVisible();
  });
});
