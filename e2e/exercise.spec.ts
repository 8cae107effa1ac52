import { readFileSync } from 'node:fs';
import { expect, openCordon, readTimeline, screenshotScreen, test } from './harness';

// A whole tabletop exercise at 60x: the facilitator starts a built-in scenario, injects arrive
// on the participants' war-room timeline, they answer some in time and miss others, and the
// facilitator finishes, reads the score and downloads the after-action report.
test.describe('tabletop exercise', () => {
  test('run a built-in scenario at 60x, score it and download the after-action report', async ({ page, harness }) => {
    test.setTimeout(120_000);
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
    await dialog.getByLabel('Clock speed').selectOption('60');
    await dialog.getByRole('button', { name: 'Declare exercise incident' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Compromised API key' })).toBeVisible();
    const consoleUrl = page.url();
    await expect(page.getByRole('radio', { name: '60x' })).toHaveAttribute('aria-checked', 'true');
    await page.getByRole('button', { name: 'Start clock' }).click();
    const queue = page.getByRole('table', { name: 'Injects' });
    await expect(queue.getByRole('row', { name: 'Secret scanner alert' })).toContainText('Fired');

    // The participants' war room: the EXERCISE banner and the first inject on the timeline.
    await page.getByRole('button', { name: 'Open the participants’ war room' }).click();
    await expect(page.locator('.exercise-banner')).toBeVisible();
    await expect.poll(async () => (await readTimeline(page)).join('\n')).toContain('Secret scanner alert');

    // Answer it in time: a severity call on the matrix.
    await page.getByRole('button', { name: /Extensive, Urgency High/ }).click();
    const rationale = page.getByRole('form', { name: /Set severity to SEV1/ });
    await rationale.getByRole('textbox').fill('Live payments key exposed publicly');
    await rationale.getByRole('button', { name: 'Set SEV1' }).click();
    await expect(page.locator('.wr-header')).toContainText('SEV1');

    // T+5m arrives after ~5 s of wall time at 60x; answer it by starting the first phase.
    await expect.poll(async () => (await readTimeline(page)).join('\n'), { timeout: 20_000 }).toContain('Unusual API usage');
    const checklist = page.getByRole('region', { name: 'Checklist' });
    await checklist.getByRole('button', { name: 'Start Preparation' }).click();
    await expect(checklist.getByRole('tab', { name: /Preparation/, selected: true })).toBeVisible();

    // Back in the console: fire one inject now, skip another, finish.
    await page.goto(consoleUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Compromised API key' })).toBeVisible();
    // Pause: the clock stops and nothing more fires on its own.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText('Paused', { exact: true })).toBeVisible();
    const pausedAt = await page.getByTestId('exercise-clock').textContent();
    await page.waitForTimeout(1_500);
    await expect(page.getByTestId('exercise-clock')).toHaveText(pausedAt ?? '');
    await page.getByRole('button', { name: 'Fire now: Partner asks before rotation' }).click();
    await expect(queue.getByRole('row', { name: 'Partner asks before rotation' })).toContainText('Fired');
    await page.getByRole('button', { name: 'Edit text: Rotation complete' }).click();
    await page.getByRole('textbox', { name: 'Text of Rotation complete' }).fill('The new key is live; the old one is rejected.');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect(queue.getByRole('row', { name: 'Rotation complete' })).toContainText('Pending (edited)');
    await page.getByRole('button', { name: 'Skip: Rotation complete' }).click();
    await expect(queue.getByRole('row', { name: 'Rotation complete' })).toContainText('Skipped');
    await page.getByRole('textbox', { name: 'Facilitator notes' }).fill('Roles were never handed out; comms lead joined late.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByRole('button', { name: 'Save notes' })).toBeDisabled();
    await page.getByRole('button', { name: 'Finish exercise' }).click();
    await expect(page.getByText('Finished', { exact: true })).toBeVisible();

    // Scoring: the severity call and the phase were hits; the rest of the fired injects' actions were missed.
    const score = page.getByTestId('exercise-score');
    await expect(score).toContainText('2 hit');
    // How many injects fired on their own depends on how fast this machine clicked (at 60x a
    // wall second is an exercise minute): every fired expectation but the two hits is missed.
    const scoreText = (await score.textContent()) ?? '';
    const missed = Number(/(\d+) missed/.exec(scoreText)?.[1]);
    expect(missed).toBeGreaterThanOrEqual(4);
    const results = page.getByRole('table', { name: 'Expected actions' });
    await expect(results.getByRole('row', { name: /first severity call.*Hit/ })).toBeVisible();
    await expect(results.getByRole('row', { name: /Roles are handed out.*Missed/ })).toBeVisible();
    await screenshotScreen(page, 'exercise-console');

    // The participants saw the fired-now inject too.
    await page.getByRole('button', { name: 'Open the participants’ war room' }).click();
    await expect.poll(async () => (await readTimeline(page)).join('\n')).toContain('Partner asks before rotation');
    await page.goto(consoleUrl);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download after-action report (Markdown)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^compromised-api-key-.*-after-action\.md$/);
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('# After-action report: Compromised API key');
    expect(md).toContain(`expected actions hit 2 of ${missed + 2}, missed ${missed}.`);
    expect(md).toMatch(/\| Secret scanner alert \| T\+0m \| The commander makes a first severity call \| 10m \| \d+m?\d*s? \| HIT \|/);
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
