// Sync between two laptops on one machine, over 127.0.0.1 (real stores, real Corestores, Noise):
//   npm run bench -- sync
// The time for a note written on one laptop to be on the other's merged timeline, and the
// catch-up time for 10,000 events written on one laptop while the two were apart; then a third
// laptop joins, the commander's laptop stops, and notes go from one member to the other directly.
// Always exits 0; the PASS/FAIL lines are for people reading the output.
import { appendEvent } from '../store/testing/fixtures';
import { tempDir } from '../store/testing/temp-dir';
import { connectAll, eventually, invite, shareWith, startPeer, stopPeer, type TestPeer } from '../sync/testing/peer-kit';

const NOTES = 20;
const CATCH_UP = Number(process.env.SYNC_BENCH_EVENTS ?? 10_000);
const NOTE_TARGET_MS = 1_000;
const CATCH_UP_TARGET_MS = 30_000;

const line = (label: string, ms: number, target: number) =>
  process.stdout.write(`${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms  target ≤ ${target} ms  ${ms <= target ? 'PASS' : 'FAIL'}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const { dir, cleanup } = tempDir('cordon-bench-sync-');
const ana = await startPeer(dir, 'Ana');
const ben = await startPeer(dir, 'Ben');
let cleo: TestPeer | null = null;
let anaRunning = true;
try {
  const incidentId = await shareWith(ana, [ben]);
  // Arrived: the receiver holds the writer's log up to the note. Ingest takes it in, gives it its
  // timeline row and folds it in one write, so this is the moment windows can show it; an indexed
  // lookup, where reading the whole merged timeline on every poll (as the bench once did) cost
  // the receiving laptop more than the sync it measured on a large incident.
  const arrived = (to: TestPeer, from: TestPeer) => {
    const seq = from.store.log.state(incidentId).eventCount;
    return () => to.ledger.deviceLength(incidentId, from.device.id) >= seq;
  };
  const onTimeline = (to: TestPeer, id: string) => {
    if (!to.ids(incidentId).includes(id)) throw new Error(`the note is not on ${to.name}'s merged timeline`);
  };

  // Baseline in the same run: the same note written locally (append, sign, fold) without a peer.
  const local: number[] = [];
  const latencies: number[] = [];
  for (let i = 0; i < NOTES; i++) {
    const start = performance.now();
    await ana.note(incidentId, `local baseline ${i}`);
    local.push(performance.now() - start);
    const sent = performance.now();
    const id = await ben.note(incidentId, `note ${i} from Ben`);
    await eventually('the note reaches Ana', arrived(ana, ben), 10_000);
    latencies.push(performance.now() - sent);
    if (i === NOTES - 1) onTimeline(ana, id);
  }
  process.stdout.write(`baseline: a local note (append, sign, fold) median ${median(local).toFixed(1)} ms\n`);
  line(`note to peer, median of ${NOTES}`, median(latencies), NOTE_TARGET_MS);
  line(`note to peer, slowest of ${NOTES}`, Math.max(...latencies), NOTE_TARGET_MS * 2);

  ana.peer.disconnectAll();
  ben.peer.disconnectAll();
  const before = ana.ids(incidentId).length;
  let t = performance.now();
  for (let i = 0; i < CATCH_UP; i++) {
    appendEvent(ben.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: `offline note ${i}: shard ${i % 13} p99 ${(i * 13) % 900} ms` } } });
  }
  await ben.peer.publish(incidentId);
  process.stdout.write(`written apart: ${CATCH_UP.toLocaleString('en')} events on Ben in ${(performance.now() - t).toFixed(0)} ms (append + sign)\n`);
  t = performance.now();
  connectAll([ana, ben]);
  await eventually('Ana catches up', () => ana.ledger.deviceLength(incidentId, ben.device.id) >= CATCH_UP + NOTES, 300_000);
  const caughtUp = performance.now() - t;
  line(`catch-up of ${CATCH_UP.toLocaleString('en')} events after a partition`, caughtUp, CATCH_UP_TARGET_MS);
  process.stdout.write(`Ana holds ${ana.ids(incidentId).length - before} new events; every device chain verified: ${ana.ledger.verify(incidentId).every((v) => v.ok)}\n`);

  // Cleo joins (and dials the members at the addresses Ana signs, every 3 s as the app does).
  const c = await startPeer(dir, 'Cleo', { redialMs: 3_000 });
  cleo = c;
  await invite(ana, c, incidentId);
  await eventually('Cleo is linked with Ben and holds his events', () => c.peer.linkedDevices().includes(ben.device.id) && c.ledger.deviceLength(incidentId, ben.device.id) >= CATCH_UP + NOTES, 300_000);
  const toCleo = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < NOTES; i++) {
      const sent = performance.now();
      const id = await ben.note(incidentId, `${label} note ${i} from Ben`);
      await eventually('the note reaches Cleo', arrived(c, ben), 10_000);
      times.push(performance.now() - sent);
      if (i === NOTES - 1) onTimeline(c, id);
    }
    return median(times);
  };
  // The same notes with the commander's laptop on: what a note costs on an incident of 10,000 events.
  process.stdout.write(`baseline: Ben to Cleo, commander on, ${c.ids(incidentId).length.toLocaleString('en')} events on the timeline, median ${(await toCleo('baseline')).toFixed(1)} ms\n`);
  await stopPeer(ana);
  anaRunning = false;
  line(`note to a member directly (commander off), median`, await toCleo('direct'), NOTE_TARGET_MS);
} finally {
  if (anaRunning) await stopPeer(ana);
  await stopPeer(ben);
  if (cleo) await stopPeer(cleo);
  cleanup();
}
