import { expectNoSeriousA11yViolations } from './a11y';
import { expect, openCordon, screenshotPath, test } from './harness';
import { rewriteCalls, type Rewrite } from './rewrite-calls';

// How a just-admitted laptop looks while the incident is on its way. Between two real laptops
// that lasts a moment (sync.spec.ts presses "Open the incident" as soon as it is offered), so
// here the main process's answers about sync are rewritten on their way to the page: what is
// looked at is the layout of each state, with the real app around it.
const incidentId = '01890000-0000-7000-8000-00000000abcd';

function answerSync(rewrites: Map<string, Rewrite>, arrival: { from: string; received: number; ready: boolean; linkDown: boolean }) {
  rewrites.set('syncStatus', (real) => {
    if (!real.ok) return real;
    const join = { state: 'admitted', fingerprint: '123 456 789', incidentId, message: null, arrival };
    return { ok: true, value: { ...(real.value as Record<string, unknown>), on: true, join } };
  });
}

test('a laptop just admitted: receiving, link down, and the war room waiting for the incident', async ({ page, harness }) => {
  const rewrites = await rewriteCalls(page);
  answerSync(rewrites, { from: 'Ana Ortiz’s laptop', received: 0, ready: false, linkDown: false });
  await openCordon(page, harness);
  const join = page.getByRole('region', { name: 'Join an incident on another laptop' });
  await expect(join.getByRole('status')).toHaveText('Admitted. Receiving the incident from Ana Ortiz’s laptop… Nothing has arrived yet.');
  await expect(join.getByRole('button', { name: 'Open the incident' })).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await join.screenshot({ path: screenshotPath(`sync-join-receiving-${scheme}`) });
  }
  await expectNoSeriousA11yViolations(page);

  // Asked again every few seconds: a dropped link pushes nothing.
  answerSync(rewrites, { from: 'Ana Ortiz’s laptop', received: 0, ready: false, linkDown: true });
  await expect(join.getByRole('status')).toContainText('The link to Ana Ortiz’s laptop is down and nothing has arrived yet. Check that that laptop is on');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await join.screenshot({ path: screenshotPath(`sync-join-link-down-${scheme}`) });
  }
  await expectNoSeriousA11yViolations(page);

  answerSync(rewrites, { from: 'Ana Ortiz’s laptop', received: 3, ready: true, linkDown: false });
  await expect(join.getByRole('button', { name: 'Open the incident' })).toBeVisible();

  // The war room on an incident shared with this laptop that has not arrived: it waits.
  rewrites.set('syncIncident', () => ({ ok: true, value: { shared: true, commandedHere: false, members: [] } }));
  await page.evaluate((id) => (window.location.hash = `#/incident/${id}`), incidentId);
  await expect(page.getByRole('main').getByRole('status')).toContainText('Waiting for the incident from the commander’s laptop…');
  await expect(page.getByRole('alert')).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: screenshotPath(`warroom-awaiting-${scheme}`) });
  }
  await expectNoSeriousA11yViolations(page);

  // Not shared with this laptop: still the plain answer.
  rewrites.delete('syncIncident');
  await page.evaluate(() => (window.location.hash = '#/incidents'));
  await page.evaluate((id) => (window.location.hash = `#/incident/${id}`), incidentId);
  await expect(page.getByRole('alert')).toHaveText('There is no such incident.');
});
