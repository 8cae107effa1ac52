import { readFileSync } from 'node:fs';
import { expect, openCordon, readTimeline, screenshotScreen, test } from './harness';

// A whole tabletop exercise: the facilitator starts a built-in scenario, injects arrive on the
// participants' war-room timeline, they answer some in time and miss others, and the facilitator
// finishes, reads the score and downloads the after-action report.
//
// Nothing here depends on how fast this machine is. The answers that must score as hits are
// given at 1x, where their 10-minute deadlines are 10 wall minutes away (beyond the test's
// own timeout); the clock runs at 60x only to show an inject firing on its own, with nothing
// left pending that could fire too early; and every time the report prints is compared with
// the time the exercise clock recorded (the console's queue), never with a literal.

// How many expected actions each inject of "Compromised API key" carries (resources/exercises).
const expectations: Record<string, number> = {
  'Secret scanner alert': 2,
  'Unusual API usage': 2,
  'Partner asks before rotation': 2,
  'Customer records were read': 1,
  'Journalist inquiry': 1,
  'Rotation complete': 1,
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.describe('tabletop exercise', () => {
  test('run a built-in scenario, let an inject fire on its own at 60x, score it and download the after-action report', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await page.getByRole('link', { name: 'Exercises' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Exercises' })).toBeVisible();
    const scenarios = page.getByRole('list', { name: 'Scenarios' });
    await expect(scenarios.getByRole('listitem')).toHaveCount(6);
    await screenshotScreen(page, 'exercises-library');

    await page.getByRole('button', { name: 'Start exercise: Compromised API key' }).click();
    const dialog = page.getByRole('dialog', { name: /Start Compromised API key/ });
    await expect(dialog.getByLabel('Playbook to use')).toHaveValue('cordon-default');
    await dialog.getByLabel('Clock speed').selectOption('1');
    await dialog.getByRole('button', { name: 'Declare exercise incident' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Compromised API key' })).toBeVisible();
    const consoleUrl = page.url();
    await expect(page.getByRole('radio', { name: '1x' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('button', { name: 'Start clock' }).click();
    const queue = page.getByRole('table', { name: 'Injects' });
    const row = (title: string) => queue.getByRole('row', { name: title });
    // The T+0 inject fires as the clock starts; the queue shows the exercise time it was recorded at.
    await expect(row('Secret scanner alert')).toContainText('Fired');
    const firstFiredAt = ((await row('Secret scanner alert').getByRole('cell').first().textContent()) ?? '').trim();
    expect(firstFiredAt).toMatch(/^T\+\d+m(\d+s)?$/);

    // Fire the T+5m inject now; edit and skip the last one, so nothing is left to fire later but
    // the three the 60x run below may reach.
    await page.getByRole('button', { name: 'Fire now: Unusual API usage' }).click();
    await expect(row('Unusual API usage')).toContainText('Fired');
    await page.getByRole('button', { name: 'Edit text: Rotation complete' }).click();
    await page.getByRole('textbox', { name: 'Text of Rotation complete' }).fill('The new key is live; the old one is rejected.');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect(row('Rotation complete')).toContainText('Pending (edited)');
    await page.getByRole('button', { name: 'Skip: Rotation complete' }).click();
    await expect(row('Rotation complete')).toContainText('Skipped');

    // The participants' war room: the EXERCISE banner and both injects on the timeline.
    await page.getByRole('button', { name: 'Open the participants’ war room' }).click();
    await expect(page.locator('.exercise-banner')).toBeVisible();
    await expect.poll(async () => (await readTimeline(page)).join('\n')).toContain('Secret scanner alert');
    await expect.poll(async () => (await readTimeline(page)).join('\n')).toContain('Unusual API usage');

    // Answer both in time: a severity call on the matrix, then the first phase.
    await page.getByRole('button', { name: /Extensive, Urgency High/ }).click();
    const rationale = page.getByRole('form', { name: /Set severity to SEV1/ });
    await rationale.getByRole('textbox').fill('Live payments key exposed publicly');
    await rationale.getByRole('button', { name: 'Set SEV1' }).click();
    await expect(page.locator('.wr-header')).toContainText('SEV1');
    const checklist = page.getByRole('region', { name: 'Checklist' });
    await checklist.getByRole('button', { name: 'Start Preparation' }).click();
    await expect(checklist.getByRole('tab', { name: /Preparation/, selected: true })).toBeVisible();

    // Back in the console: at 60x the T+12m inject fires on its own (about 12 s of wall time).
    await page.goto(consoleUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Compromised API key' })).toBeVisible();
    await page.getByRole('radio', { name: '60x' }).click();
    await expect(page.getByRole('radio', { name: '60x' })).toHaveAttribute('aria-checked', 'true');
    await expect(row('Partner asks before rotation')).toContainText('Fired', { timeout: 60_000 });
    // Pause: the clock stops and nothing more fires on its own.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText('Paused', { exact: true })).toBeVisible();
    const pausedAt = await page.getByTestId('exercise-clock').textContent();
    await page.waitForTimeout(1_500);
    await expect(page.getByTestId('exercise-clock')).toHaveText(pausedAt ?? '');
    await page.getByRole('textbox', { name: 'Facilitator notes' }).fill('Roles were never handed out; comms lead joined late.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByRole('button', { name: 'Save notes' })).toBeDisabled();
    await page.getByRole('button', { name: 'Finish exercise' }).click();
    await expect(page.getByText('Finished', { exact: true })).toBeVisible();

    // Scoring: the severity call and the phase were hits; every other expected action of a fired
    // inject was missed. Which injects fired is read from the queue, so the count is exact.
    const fired: string[] = [];
    for (const title of Object.keys(expectations)) if (((await row(title).textContent()) ?? '').includes('Fired')) fired.push(title);
    expect(fired.slice(0, 3)).toEqual(['Secret scanner alert', 'Unusual API usage', 'Partner asks before rotation']);
    const missed = fired.reduce((n, title) => n + (expectations[title] ?? 0), 0) - 2;
    const score = page.getByTestId('exercise-score');
    await expect(score).toContainText('2 hit');
    await expect(score).toContainText(`${missed} missed`);
    const results = page.getByRole('table', { name: 'Expected actions' });
    await expect(results.getByRole('row', { name: /first severity call.*Hit/ })).toBeVisible();
    await expect(results.getByRole('row', { name: /moves on from preparation.*Hit/ })).toBeVisible();
    await expect(results.getByRole('row', { name: /Roles are handed out.*Missed/ })).toBeVisible();
    await screenshotScreen(page, 'exercise-console');

    // The participants saw the inject that fired on its own too.
    await page.getByRole('button', { name: 'Open the participants’ war room' }).click();
    await expect.poll(async () => (await readTimeline(page)).join('\n')).toContain('Partner asks before rotation');
    await page.goto(consoleUrl);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download after-action report (Markdown)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^compromised-api-key-.*-after-action\.md$/);
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('# After-action report: Compromised API key');
    expect(md).toContain(`expected actions hit 2 of ${missed + 2}, missed ${missed}.`);
    expect(md).toMatch(new RegExp(`\\| Secret scanner alert \\| ${escapeRegExp(firstFiredAt)} \\| The commander makes a first severity call \\| 10m \\| \\d+m?\\d*s? \\| HIT \\|`));
    expect(md).toContain('| Roles are handed out (scribe, technical lead) | 15m | — | MISSED |');
    expect(md).toMatch(/\| Time to detect \(first severity call or phase\) \| \d/);
    expect(md).toContain('| Rotation complete | skipped | The incident is marked mitigated | 10m | — | not played |');
    expect(md).toContain('Roles were never handed out; comms lead joined late.');
    expect(md).toContain('This is the first run of this scenario.');

    // The same report as PDF, through the post-mortem's printer.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download after-action report (PDF)' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/-after-action\.pdf$/);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
