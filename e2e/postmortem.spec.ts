import { readFileSync } from 'node:fs';
import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, readTimeline, screenshotScreen, test, testUser } from './harness';
import { pdfPages, pdfText } from './pdf';

test.describe('post-mortem', () => {
  test('draft from the record, edit with a live preview, autosave, status, action items, export Markdown', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${m.location().url}:${m.location().lineNumber} on ${page.url().split('#')[1] ?? ''}`));
    await openCordon(page, harness);

    // Declare an incident and take a few notes in the war room.
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Payments failing after deploy');
    await dialog.getByRole('radio', { name: /SEV2/ }).check();
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const header = page.locator('.wr-header');
    await expect(header).toContainText('Payments failing after deploy');
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('@-20m Deploy 2024.12.1 rolled out');
    await quickAdd.press('Enter');
    await expect(page.getByText('Deploy 2024.12.1 rolled out')).toBeVisible();
    await quickAdd.fill('!Card authorisations failing at 30%');
    await quickAdd.press('Enter');
    await expect(page.getByText('Card authorisations failing at 30%')).toBeVisible();
    await page.getByRole('radio', { name: 'Mitigated' }).click();
    await expect(header).toContainText('Mitigated');

    // The war room's toolbar leads to the post-mortem.
    await page.getByRole('button', { name: 'Post-mortem' }).click();
    await expect(page).toHaveURL(/#\/postmortem\//);
    await expect(page.getByRole('heading', { level: 1, name: 'Payments failing after deploy' })).toBeVisible();
    await page.getByRole('button', { name: 'Draft from the record' }).click();
    const status = page.getByRole('status').filter({ hasText: /Saved|saving|Unsaved/ });
    await expect(status).toContainText('Saved · revision 1');

    // The preview shows the draft, sanitised.
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('heading', { name: 'Post-mortem: Payments failing after deploy' })).toBeVisible();
    await expect(preview.getByRole('heading', { name: 'Five whys' })).toBeVisible();
    await expect(preview).toContainText('Card authorisations failing at 30%');

    // Edit: type at the end of the document; the preview follows, autosave makes revision 2.
    const editor = page.getByRole('textbox', { name: 'Post-mortem Markdown' });
    await editor.click();
    await page.keyboard.press('Control+End');
    // Undo takes back a slip of the keyboard.
    await page.keyboard.type(' UNDO-ME');
    await page.keyboard.press('Control+z');
    await page.keyboard.type('\n## Notes from the review\n\nThe canary was skipped. <script>alert(1)</script> [bad](javascript:alert(1))\n');
    await expect(preview.getByRole('heading', { name: 'Notes from the review' })).toBeVisible();
    await expect(preview).toContainText('<script>alert(1)</script>');
    await expect(preview.locator('script')).toHaveCount(0);
    await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
    // Character references are decoded by the page's own parser in the renderer build
    // (renderer/src/postmortem/html-entities.ts): whole ones only, as markdown-it's package does.
    await page.keyboard.type('Refunds: &euro;40 &copy; &ampfoo;\n');
    await expect(preview).toContainText('Refunds: €40 © &ampfoo;');
    await expect(status).toContainText('Unsaved changes');
    await expect(status).toContainText('Saved · revision 2');

    // Status.
    const pmStatus = page.getByRole('group', { name: 'Post-mortem status' });
    await pmStatus.getByRole('radio', { name: 'In review' }).click();
    await expect(pmStatus.getByRole('radio', { name: 'In review' })).toBeChecked();

    // An action item from the table appears in the document's Action items section.
    const form = page.getByRole('form', { name: 'Add an action item' });
    await form.getByLabel('New action item').fill('Make the canary stage mandatory');
    await form.getByLabel('Owner').fill('Sam Okafor');
    await form.getByLabel('Due date').fill('2025-01-31');
    await form.getByLabel('Type').selectOption('preventive');
    await form.getByRole('button', { name: 'Add action item' }).click();
    await expect(page.getByRole('textbox', { name: 'Title of action item 1' })).toHaveValue('Make the canary stage mandatory');
    await expect(preview.getByRole('cell', { name: 'Make the canary stage mandatory' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Status of action item 1' }).selectOption('in_progress');
    await expect(preview.getByRole('cell', { name: 'In progress' })).toBeVisible();

    await expectNoSeriousA11yViolations(page);
    await screenshotScreen(page, 'postmortem-light');

    // Export Markdown: the browser downloads it; its front matter pins it to the log.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^payments-failing-after-deploy-[0-9a-f]{8}-postmortem\.md$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const incidentId = /#\/postmortem\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    expect(text).toMatch(new RegExp(`^---\\ngenerator: "Cordon"\\nincident_id: "${incidentId}"\\ntitle: "Payments failing after deploy"\\nseverity: "sev2"\\nkind: "real"\\nstatus: "mitigated"\\n`));
    expect(text).toMatch(/\nchain_head: "[0-9a-f]{64}"\nevent_count: \d+\npostmortem_revision: 2\npostmortem_status: "in_review"\n---\n/);
    expect(text).toContain('## Notes from the review');
    expect(text.indexOf('## Notes from the review')).toBeGreaterThan(text.indexOf('## Where we got lucky')); // Ctrl+End reached the end
    expect(text).not.toContain('UNDO-ME');
    expect(text).toContain('| 1 | Make the canary stage mandatory | Sam Okafor | 2025-01-31 | Preventive | In progress |');
    await expect(page.getByText(/^Exported payments-failing-after-deploy-/)).toBeVisible();

    // Restore revision 1: saved as revision 3, the notes are gone again.
    await page.getByText('Revisions (2)').click();
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    await expect(status).toContainText('Saved · revision 3');
    await expect(preview.getByRole('heading', { name: 'Notes from the review' })).toHaveCount(0);

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotScreen(page, 'postmortem-dark');

    // The timeline recorded it all; the user's name is on it.
    await page.getByRole('button', { name: 'Back to the war room' }).click();
    await expect(page.getByText('Post-mortem saved (revision 3)')).toBeVisible();
    await expect(page.getByText(`Action item: Make the canary stage mandatory`)).toBeVisible();
    expect(testUser).toBe('Dana Reyes');
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  test('backdated detection: times that mean what they say, every section in the PDF, exports on the timeline', async ({ page, harness }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);

    // Declared now, detected 25 minutes ago, commander named at declaration.
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Login API timing out');
    await dialog.getByRole('radio', { name: /SEV2/ }).check();
    await dialog.getByLabel('Incident commander').fill('Ana Lima');
    const detected = await page.evaluate(() => {
      const d = new Date(Date.now() - 25 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await dialog.getByLabel('Detected at (if earlier than now)').fill(detected);
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    const header = page.locator('.wr-header');
    await expect(header).toContainText('Login API timing out');
    // The 30-minute response SLA: taken about 25 minutes after detection, about 5 minutes to spare (not 30:00).
    await expect(header.getByRole('timer', { name: /^Response SLA: 0[4-5]:\d\d to spare, met$/ })).toBeVisible();
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('Timeouts on `auth-gateway` and db1.eu.example.com');
    await quickAdd.press('Enter');
    await quickAdd.fill('Failover of the session store started');
    await quickAdd.press('Enter');
    await page.getByRole('radio', { name: 'Resolved' }).click();
    await expect(header).toContainText('Resolved');

    await page.getByRole('button', { name: 'Post-mortem' }).click();
    await page.getByRole('button', { name: 'Draft from the record' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('heading', { name: 'Responders and roles' })).toBeVisible();
    await expect(preview.getByRole('row', { name: /Acknowledged \(commander took it\).*2[45]m to acknowledge/ })).toBeVisible();
    await expect(preview).toContainText('2 notes are not starred and left out here');
    await expect(preview.getByRole('cell', { name: 'auth-gateway' })).toBeVisible();
    await screenshotScreen(page, 'postmortem-complete-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotScreen(page, 'postmortem-complete-dark');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
    const pdfPath = (await pdf.path())!;
    const text = pdfText(pdfPath);
    for (const section of [
      'Summary',
      'Impact',
      'Time at each severity',
      'Systems named in the notes',
      'Counts',
      'Key figures',
      'Responders and roles',
      'Timeline',
      'Detection',
      'Response',
      'Severity history',
      'Resolution',
      'Contributing factors and root cause',
      'Five whys',
      'What went well',
      'What went wrong',
      'Where we got lucky',
      'Action items',
      'Appendices',
      'A. Actions run',
      'B. Evidence',
      'C. Log integrity',
    ]) {
      expect(text, section).toContain(section);
    }
    expect(text).toMatch(/Status\s+Resolved/); // capitalised on the cover
    expect(text).not.toMatch(/Status\s+resolved/);
    expect(text).toMatch(/Post-mortem · Cordon/); // the page header
    expect(text).toContain('Why did this happen?');
    expect(text).toMatch(/2[45]m to acknowledge/);
    pdfPages(pdfPath, 'postmortem-pdf');

    // Every export is on the timeline, with its hash.
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toMatch(/\ndetected_at: "[^"]+"\ndeclared_at: "[^"]+"\nacknowledged_at: "[^"]+"\n/);
    const fm = Object.fromEntries([...markdown.matchAll(/^(detected_at|declared_at|acknowledged_at): "([^"]+)"$/gm)].map((m) => [m[1], Date.parse(m[2] ?? '')]));
    expect((fm.declared_at ?? 0) - (fm.detected_at ?? 0)).toBeGreaterThanOrEqual(24 * 60_000);
    expect(fm.acknowledged_at).toBe(fm.declared_at);
    await page.getByRole('button', { name: 'Back to the war room' }).click();
    const rows = (await readTimeline(page)).join('\n');
    expect(rows).toMatch(/Post-mortem exported as PDF: login-api-timing-out-[0-9a-f]{8}-postmortem\.pdf/);
    expect(rows).toMatch(/Post-mortem exported as Markdown: login-api-timing-out-[0-9a-f]{8}-postmortem\.md/);
  });
});
