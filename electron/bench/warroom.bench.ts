import type { AppendRequest } from '../store/event-log';
import { benchInHarness, inBatches, seedVault } from './harness-page';

// The war room with 100,000 events, in the real harness and Chromium: how long the screen
// takes to open, and the frame times while the timeline is scrolled end to end.
const EVENTS = 100_000;

function seed(dataDir: string): Promise<string> {
  return seedVault(dataDir, (store) => {
    const start = Date.now() - EVENTS * 1000;
    const { event } = store.write((tx) => tx.declare('Dana Reyes', { title: 'Payment outage (100k events)', kind: 'real', severity: 'sev2', commander: 'Dana Reyes' }, new Date(start).toISOString())).value;
    const id = event.incidentId;
    const bodyFor = (i: number): AppendRequest['body'] => {
      if (i % 10_000 === 0) return { kind: 'severity_changed', payload: { severity: i % 20_000 === 0 ? 'sev1' : 'sev2' } };
      if (i % 3 === 0) return { kind: 'note', payload: { text: `Observation ${i}: p99 latency ${200 + (i % 900)} ms on checkout-api` } };
      if (i % 3 === 1) return { kind: 'checklist_item_set', payload: { itemId: `detect.item-${i % 40}`, done: i % 2 === 0 } };
      return { kind: 'note', payload: { text: `Customer ticket #${10_000 + i} mentions failed payment`, key: i % 500 === 2 } };
    };
    inBatches(store, 1, EVENTS, (tx, i) => {
      tx.append({ incidentId: id, actor: i % 2 ? 'Dana Reyes' : 'Sam Okafor', occurredAt: new Date(start + i * 1000).toISOString(), body: bodyFor(i) });
    });
    return id;
  });
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

void benchInHarness({
  name: 'warroom',
  seed,
  seeded: `${EVENTS.toLocaleString('en')} events`,
  async run(page, incidentId, unlockMs) {
    let t = performance.now();
    await page.evaluate((id) => (window.location.hash = `#/incident/${id}`), incidentId);
    await page.getByText(`${EVENTS.toLocaleString('en')} events`).or(page.getByText(`${EVENTS} events`)).first().waitFor({ timeout: 120_000 });
    const openMs = performance.now() - t;

    const frames = await page.getByRole('region', { name: 'Timeline events' }).evaluate(async (scroller) => {
      const times: number[] = [];
      let last = performance.now();
      scroller.scrollTop = 0;
      const step = scroller.scrollHeight / 240;
      for (let i = 0; i < 240; i++) {
        scroller.scrollTop += step;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times;
    });
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

    t = performance.now();
    const quickAdd = page.getByRole('textbox', { name: 'Add to timeline' });
    await quickAdd.fill('Benchmark note after 100k events');
    await quickAdd.press('Enter');
    await page.getByText('Benchmark note after 100k events').waitFor();
    const addMs = performance.now() - t;

    // A text search over all 100k events, for one from the middle (not on screen before).
    t = performance.now();
    await page.getByRole('searchbox', { name: 'Search the timeline' }).fill('Observation 50001:');
    await page.getByText('Observation 50001:').first().waitFor({ timeout: 120_000 });
    const searchMs = performance.now() - t;

    const p95 = percentile(frames, 0.95);
    const rows: [string, string, string, boolean][] = [
      ['unlock (scrypt + open)', `${(unlockMs / 1000).toFixed(2)} s`, '', true],
      ['open the war room (100k events)', `${(openMs / 1000).toFixed(2)} s`, '≤ 5 s', openMs <= 5000],
      ['scroll frame time p50', `${percentile(frames, 0.5).toFixed(1)} ms`, '', true],
      ['scroll frame time p95', `${p95.toFixed(1)} ms`, '≤ 50 ms', p95 <= 50],
      ['add a note and see it', `${addMs.toFixed(0)} ms`, '≤ 500 ms', addMs <= 500],
      ['search the timeline (100k events)', `${searchMs.toFixed(0)} ms`, '≤ 1500 ms', searchMs <= 1500],
      ['renderer JS heap', `${(heap / 1024 / 1024).toFixed(0)} MiB`, '', true],
    ];
    for (const [name, value, target, pass] of rows) {
      process.stdout.write(`${name.padEnd(36)} ${value.padStart(10)}  ${target ? `${target.padEnd(9)} ${pass ? 'PASS' : 'FAIL'}` : ''}\n`);
    }
  },
});
