import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, screenshotScreen, test } from './harness';

test.describe('activity chart', () => {
  test('bars are named buttons that jump the timeline, from the mouse and the keyboard; zoom; both themes', async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openCordon(page, harness);
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByLabel('What is happening?').fill('Card payments failing in the EU');
    await dialog.getByRole('radio', { name: /SEV2/ }).check();
    await dialog.getByRole('button', { name: 'Declare incident' }).click();
    await expect(page.locator('.wr-header')).toContainText('Card payments failing in the EU');

    // Two hours of notes written after the fact, busier towards the end, so the chart has a shape.
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    const minutesAgo = [120, 95, 70, 52, 40, 33, 28, 24, 21, 18, 15, 13, 11, 9, 8, 7, 6, 5, 4, 3];
    for (const [i, ago] of minutesAgo.entries()) {
      await quickAdd.fill(`@-${ago}m ${i === 0 ? 'First alert: card authorisations failing' : `Observation ${i}: decline rate rising`}`);
      await quickAdd.press('Enter');
      await expect(page.getByText(i === 0 ? 'First alert: card authorisations failing' : `Observation ${i}: decline rate rising`)).toBeVisible();
    }
    await page.getByRole('button', { name: /Extensive, Urgency High/ }).click();
    const rationale = page.getByRole('form', { name: /Set severity to SEV1/ });
    await rationale.getByRole('textbox').fill('Every EU card payment fails');
    await rationale.getByRole('button', { name: 'Set SEV1' }).click();
    await page.getByRole('region', { name: 'Checklist' }).getByRole('button', { name: 'Start Preparation' }).click();

    const chart = page.getByRole('figure', { name: 'Activity over time' });
    const bars = chart.getByRole('group', { name: /^Events per/ }).getByRole('button');
    await expect(bars.first()).toHaveAccessibleName(/^\d\d:\d\d–\d\d:\d\d: 1 event$/);
    await expect(chart.locator('.wr-activity-calls')).toContainText('SEV1');
    await expect(chart).toContainText('Preparation');

    // The first alert is far above the rows on screen; the chart's first bar brings it back.
    const firstAlert = page.getByText('First alert: card authorisations failing');
    await expect(firstAlert).not.toBeInViewport();
    await chart.getByRole('group', { name: /^Events per/ }).locator('[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(firstAlert).toBeInViewport();

    // A mouse click on a later bar jumps there too.
    await bars.last().click();
    await expect(firstAlert).not.toBeInViewport();

    await expectNoSeriousA11yViolations(page);
    await chart.scrollIntoViewIfNeeded();
    await chart.getByRole('button', { name: /events?$/ }).nth(3).hover();
    await chart.screenshot({ path: screenshotPath('activity-chart-light') });
    await screenshotScreen(page, 'activity-warroom-light');

    // Two hours in two-minute buckets: sixty bars, so the chart offers to zoom.
    const before = await bars.count();
    expect(before).toBeGreaterThan(12);
    await chart.getByRole('button', { name: 'Zoom in' }).click();
    await expect(chart.getByText(/^Showing /)).toBeVisible();
    expect(await bars.count()).toBeLessThan(before);
    await chart.getByRole('button', { name: 'Show all' }).click();
    await expect(bars).toHaveCount(before);

    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await chart.getByRole('group', { name: /^Events per/ }).locator('[tabindex="0"]').focus();
    await page.keyboard.press('ArrowLeft');
    await chart.screenshot({ path: screenshotPath('activity-chart-dark') });
    await screenshotScreen(page, 'activity-warroom-dark');
    await page.getByRole('button', { name: /Presenter mode/ }).click();
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: screenshotPath('activity-chart-dark-presenter') });
  });
});
