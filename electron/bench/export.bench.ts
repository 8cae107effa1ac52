// The post-mortem exports against their targets, on a 1,000-event incident in a real encrypted
// store. Not a unit test:
//   npx tsx electron/bench/export.bench.ts
// Always exits 0; the PASS/FAIL lines are for people reading the output.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { postmortemHtml } from '../../shared/postmortem/html';
import { exportMarkdown } from '../../shared/postmortem/markdown';
import { createChromiumPdfRenderer } from '../services/export/chromium-pdf';
import { documentOf, loadPostmortemSource } from '../services/export/source';
import { openStore } from '../store/store';
import { tempDir } from '../store/testing/temp-dir';

const EVENTS = 1_000;
const MD_TARGET_MS = 200;
const PDF_TARGET_MS = 3_000;

const { dir, cleanup } = tempDir('cordon-bench-');
const store = openStore(join(dir, 'cordon.db'), randomBytes(32), { create: true });
const line = (label: string, ms: number, target: number) =>
  process.stdout.write(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  target ≤ ${target} ms  ${ms <= target ? 'PASS' : 'FAIL'}\n`);

try {
  const t0 = Date.parse('2024-05-01T09:00:00Z');
  const at = (i: number) => new Date(t0 + i * 20_000).toISOString();
  const id = store.write((tx) => tx.declare('Ana Lima', { title: 'Bench: payments outage', kind: 'real', severity: 'sev2', commander: 'Ana Lima', summary: 'A long incident.' }, at(0))).value.event.incidentId;
  for (let i = 1; i < EVENTS; i++) {
    const body =
      i % 100 === 0
        ? ({ kind: 'severity_changed', payload: { severity: i % 200 === 0 ? 'sev1' : 'sev2', reason: `re-assessed at step ${i}` } } as const)
        : i % 150 === 0
          ? ({ kind: 'phase_changed', payload: { phase: `phase-${i / 150}` } } as const)
          : i % 97 === 0
            ? ({ kind: 'action_item_created', payload: { actionItemId: `ai-${i}`, title: `Follow up on finding ${i}`, owner: 'Sam Okafor', type: 'corrective' } } as const)
            : ({ kind: 'note', payload: { text: `Observation ${i}: error rate ${(i * 7) % 100}% on shard ${i % 13} | latency p99 ${(i * 13) % 900} ms`, key: i % 10 === 0 } } as const);
    store.write((tx) => tx.append({ incidentId: id, actor: i % 3 === 0 ? 'Sam Okafor' : 'Ana Lima', occurredAt: at(i), body }));
  }

  let t = performance.now();
  const source = loadPostmortemSource(store, id);
  const loadMs = performance.now() - t;
  t = performance.now();
  const md = exportMarkdown(source, documentOf(source));
  const mdMs = performance.now() - t;
  t = performance.now();
  exportMarkdown(loadPostmortemSource(store, id), documentOf(source));
  const mdWithLoadMs = performance.now() - t;
  process.stdout.write(`incident: ${source.events.length} events; Markdown ${md.length.toLocaleString('en')} chars; store read ${loadMs.toFixed(1)} ms\n`);
  line('Markdown export (from the loaded incident)', mdMs, MD_TARGET_MS);
  line('Markdown export (read from the store + render)', mdWithLoadMs, MD_TARGET_MS);

  const pdf = createChromiumPdfRenderer();
  try {
    const render = async () => {
      const start = performance.now();
      const printable = postmortemHtml(source, documentOf(source));
      const bytes = await pdf.render(printable.html, { pageSize: 'A4', headerHtml: printable.headerHtml, footerHtml: printable.footerHtml });
      return { ms: performance.now() - start, bytes: bytes.length };
    };
    const cold = await render();
    const warm = await render();
    process.stdout.write(`PDF: ${cold.bytes.toLocaleString('en')} bytes\n`);
    line('PDF export, cold (launches Chromium)', cold.ms, PDF_TARGET_MS);
    line('PDF export, warm (Chromium already running)', warm.ms, PDF_TARGET_MS);
  } catch (error) {
    process.stdout.write(`PDF export: could not run (${error instanceof Error ? error.message : String(error)})  FAIL\n`);
  } finally {
    await pdf.close();
  }
} finally {
  store.close();
  cleanup();
}
