import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';
import type { PostmortemMethodName } from '../../shared/ipc/postmortem-contract';
import { parseFrontMatter } from '../../shared/postmortem/markdown';
import { createChromiumPdfRenderer } from '../services/export/chromium-pdf';
import { verifyBundle } from '../services/export/bundle';
import { sha256Hex } from '../store/hash';

const pdf = createChromiumPdfRenderer();
afterAll(() => pdf.close());

async function setup() {
  const { dir, exportsDir, services, call, value, upload } = createTestApp({ defaultPlaybookFile, pdf });
  await value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await value('settingsUpdate', { displayName: 'Ana Lima' });
  const [playbook] = await value<{ id: string; version: number }[]>('playbookList');
  const incident = await value<{ id: string }>('incidentDeclare', {
    title: 'Checkout API returning 500s',
    severity: 'sev3',
    commander: 'Ana Lima',
    summary: 'EU customers could not pay.',
    playbookId: `${playbook!.id}:${playbook!.version}`,
  });
  const incidentId = incident.id;
  await value('noteAdd', { incidentId, text: 'Deploy 2024.11.3 rolled out to eu-west', occurredAt: '2020-01-01T08:00:00Z' });
  await value('severityCall', { incidentId, severity: 'sev1', rationale: 'All EU customers cannot pay' });
  await value('noteAdd', { incidentId, text: 'Error rate at 40% on checkout-api', key: true });
  await value('statusSet', { incidentId, status: 'mitigated' });
  const uploadId = await upload('evidence', 'gateway.log', Buffer.from('502 upstream\n'.repeat(20)), 'text/plain');
  await value('evidenceAdd', { incidentId, uploadId });
  /** The bytes of a delivered export, from where the "save dialog" put them. */
  const saved = (out: { delivery: { kind: string; fileName?: string } }) => readFileSync(join(exportsDir, out.delivery.fileName ?? ''));
  return { dir, exportsDir, services, call, value, incidentId, saved };
}

const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';
const badInputs: Record<PostmortemMethodName, unknown[]> = {
  postmortemDraft: [{}, { incidentId: 'nope' }, { incidentId: uuid, template: '../x' }, { incidentId: uuid, extra: 1 }],
  postmortemGet: [{}, { incidentId: 42 }],
  postmortemSave: [
    { incidentId: uuid, markdown: 'x' },
    { incidentId: uuid, actor: 'A', markdown: 'x', baseRevision: 0 },
    { incidentId: uuid, markdown: 'x'.repeat(1_000_001), baseRevision: 0 },
    { incidentId: uuid, markdown: 'x', baseRevision: -1 },
  ],
  postmortemRevision: [{ incidentId: uuid }, { incidentId: uuid, revision: 0 }, { incidentId: uuid, revision: 1.5 }],
  postmortemSetStatus: [{ incidentId: uuid, status: 'done' }, { incidentId: uuid, actor: 'A', status: 'draft' }],
  actionItemSave: [
    { incidentId: uuid },
    { incidentId: uuid, title: 'x', dueDate: 'tomorrow' },
    { incidentId: uuid, title: 'x', type: 'reactive' },
    { incidentId: uuid, actionItemId: 'bad id!', status: 'done' },
    { incidentId: uuid, title: 'x', status: 'finished' },
  ],
  // Any path from the page is refused: the main process decides where exports go.
  exportMarkdown: [
    { incidentId: uuid, path: '/tmp/x.md' },
    { incidentId: uuid, path: 'relative.md' },
    { incidentId: uuid, inline: true },
    { incidentId: uuid, actor: 'A' },
  ],
  exportPdf: [{ incidentId: uuid, pageSize: 'A3' }, { incidentId: uuid, path: '/tmp/x.pdf' }],
  exportBundle: [{ incidentId: uuid, path: '/tmp/x.zip' }, { incidentId: uuid, destination: '/tmp' }],
};

describe('post-mortem IPC', () => {
  it.each(Object.entries(badInputs))('%s refuses bad input', async (method, inputs) => {
    const { call } = await setup();
    for (const input of inputs) {
      const result = await call(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad_input');
    }
  });

  it('drafts from the record, saves revisions, refuses a stale base, restores, sets status', async () => {
    const { value, call, incidentId } = await setup();
    const empty = await value('postmortemGet', { incidentId });
    expect(empty).toMatchObject({ markdown: null, revision: 0, status: 'none', revisions: [] });
    expect(empty.templates[0]).toEqual({ key: 'cordon', name: 'Cordon post-mortem' });
    const { markdown } = await value('postmortemDraft', { incidentId });
    expect(markdown).toContain('# Post-mortem: Checkout API returning 500s');
    expect((await call('postmortemDraft', { incidentId, template: 'no-such' })).ok).toBe(false);
    expect(await value('postmortemSave', { incidentId, markdown, baseRevision: 0 })).toMatchObject({ revision: 1 });
    await value('postmortemSave', { incidentId, markdown: `${markdown}\nMore.\n`, baseRevision: 1 });
    const stale = await call('postmortemSave', { incidentId, markdown: 'mine', baseRevision: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const first = await value('postmortemRevision', { incidentId, revision: 1 });
    expect(first.markdown).toBe(markdown);
    expect((await call('postmortemRevision', { incidentId, revision: 9 })).ok).toBe(false);
    // Restore = save the old text as a new revision.
    await value('postmortemSave', { incidentId, markdown: first.markdown, baseRevision: 2 });
    const now = await value('postmortemGet', { incidentId });
    expect(now.revision).toBe(3);
    expect(now.markdown).toBe(markdown);
    expect(now.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2, 3]);
    expect(now.status).toBe('draft');
    expect((await value('postmortemSetStatus', { incidentId, status: 'in_review' })).status).toBe('in_review');
    expect((await call('postmortemGet', { incidentId: uuid })).ok).toBe(false);
  });

  it('keeps action items as events, recording only what changed', async () => {
    const { value, call, incidentId, saved } = await setup();
    const items = await value('actionItemSave', { incidentId, title: 'Alert on 5xx', owner: 'Sam Okafor', dueDate: '2024-06-01', type: 'detective' });
    expect(items).toMatchObject([{ id: 'ai-1', title: 'Alert on 5xx', owner: 'Sam Okafor', type: 'detective', status: 'open' }]);
    const before = (await value('incidentGet', { incidentId })).incident.eventCount;
    await value('actionItemSave', { incidentId, actionItemId: 'ai-1', title: 'Alert on 5xx', status: 'done', owner: null });
    await value('actionItemSave', { incidentId, actionItemId: 'ai-1', status: 'done' }); // no change: no event
    const after = await value('incidentGet', { incidentId });
    expect(after.incident.eventCount).toBe(before + 1);
    expect(after.events.at(-1).payload).toEqual({ actionItemId: 'ai-1', status: 'done', owner: null });
    expect((await call('actionItemSave', { incidentId, actionItemId: 'ai-9', status: 'done' })).ok).toBe(false);
    const md = await value('exportMarkdown', { incidentId });
    expect(saved(md).toString('utf8')).toContain('| 1 | Alert on 5xx | Unassigned | 2024-06-01 | Detective | Done |');
  });

  it('exports Markdown, never over an existing file, each export recorded on the timeline with its hash', async () => {
    const { value, incidentId, saved } = await setup();
    const before = await value('incidentGet', { incidentId, limit: 1000 });
    const a = await value('exportMarkdown', { incidentId });
    expect(sha256Hex(saved(a))).toBe(a.sha256);
    const fm = parseFrontMatter(saved(a).toString('utf8'));
    expect(fm).toMatchObject({ incident_id: incidentId, chain_head: before.incident.headHash, event_count: before.incident.eventCount, severity: 'sev1', status: 'mitigated', postmortem_revision: 0 });
    expect(a.fileName).toMatch(/^checkout-api-returning-500s-[0-9a-f]{8}-postmortem\.md$/);
    const afterA = await value('incidentGet', { incidentId, limit: 1000 });
    expect(afterA.events.at(-1)).toMatchObject({
      kind: 'document_exported',
      actor: 'Ana Lima',
      payload: { document: 'postmortem', format: 'markdown', fileName: a.fileName, bytes: a.bytes, sha256: a.sha256, chainHead: before.incident.headHash, revision: 0 },
    });
    const b = await value('exportMarkdown', { incidentId });
    // The folder already holds the first export: the second is written beside it, never over it.
    expect(b.delivery.fileName).toBe(a.delivery.fileName.replace(/\.md$/, ' (2).md'));
    expect(sha256Hex(saved(a))).toBe(a.sha256);
    // The second export pins the log the first one lengthened: its own chain head and count.
    expect(parseFrontMatter(saved(b).toString('utf8'))).toMatchObject({ chain_head: afterA.incident.headHash, event_count: before.incident.eventCount + 1 });
    const afterB = await value('incidentGet', { incidentId, limit: 1000 });
    expect(afterB.events.at(-1)?.payload).toMatchObject({ sha256: b.sha256, fileName: b.fileName });
  });

  it('prints a PDF whose text holds the headings, timeline and action items', async () => {
    const { value, dir, incidentId, saved } = await setup();
    await value('actionItemSave', { incidentId, title: 'Make canary mandatory', type: 'preventive' });
    const out = await value('exportPdf', { incidentId });
    const bytes = saved(out);
    writeFileSync(join(dir, 'pm.pdf'), bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(out.sha256).toBe(sha256Hex(bytes));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'pm.pdf'), '-'], { encoding: 'utf8' });
    for (const heading of ['Summary', 'Key figures', 'Severity history', 'Timeline', 'Phases and checklist', 'Root cause', 'Five whys', 'Action items']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Error rate at 40% on checkout-api');
    expect(text).toContain('Severity set to SEV1');
    expect(text).toContain('Make canary mandatory');
    expect(text).toContain(incidentId); // the running header
    expect(text).toMatch(/Page 1 of \d/);
    // A picture of the first two pages, for people to look at (test-results/ is not committed).
    const shots = resolve('test-results/postmortem-pdf');
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', join(dir, 'pm.pdf'), join(shots, 'page')]);
  });

  it('bundles the record; verify-bundle names a changed file and a changed event', async () => {
    const { value, dir, exportsDir, incidentId, saved } = await setup();
    const before = (await value('incidentGet', { incidentId })).incident;
    const out = await value('exportBundle', { incidentId });
    const zip = new Uint8Array(saved(out));
    const good = verifyBundle(zip);
    expect(good.problems).toEqual([]);
    expect(good.ok).toBe(true);
    expect(out.chainHead).toBe(before.headHash);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['events.json', 'evidence/gateway.log', 'manifest.json', 'manifest.seal.json', 'postmortem.md', 'postmortem.pdf']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toMatchObject({ incidentId, chainHead: before.headHash, eventCount: before.eventCount, createdBy: 'Ana Lima' });
    // Custody: the evidence copy is on the timeline now.
    const after = await value('incidentGet', { incidentId });
    expect(after.events.at(-1)).toMatchObject({ kind: 'evidence_exported', payload: { destination: `${join(exportsDir, out.delivery.fileName)} (evidence bundle)` } });

    // One byte of the evidence changed.
    const log = files['evidence/gateway.log']!.slice();
    log[0] = log[0]! ^ 1;
    const bad = verifyBundle(zipSync({ ...files, 'evidence/gateway.log': log }));
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(['evidence/gateway.log: its SHA-256 does not match the manifest (the file was changed)']);

    // An event rewritten, and the manifest re-hashed to hide it: the chain still names it.
    const events = JSON.parse(strFromU8(files['events.json']!));
    const target = events.events.find((e: { kind: string }) => e.kind === 'note');
    target.payload.text = 'Nothing happened';
    const forged = strToU8(JSON.stringify(events, null, 2));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'events.json');
    Object.assign(entry, { size: forged.length, sha256: sha256Hex(forged) });
    const rezipped = zipSync({ ...files, 'events.json': forged, 'manifest.json': strToU8(JSON.stringify(manifest)) });
    const broken = verifyBundle(rezipped);
    expect(broken.problems).toEqual([
      'manifest.json: edited after export (its SHA-256 does not match manifest.seal.json)',
      `events.json: event #${target.n} (${target.id}, note): was changed after it was written (its hash does not match its content)`,
    ]);
    writeFileSync(join(dir, 'forged.zip'), rezipped);

    // The manifest's own fields edited (title, creator, time): each one named.
    const edited = { ...JSON.parse(strFromU8(files['manifest.json']!)), title: 'Nothing to see', createdBy: 'Mallory', createdAt: '2020-01-01T00:00:00.000Z' };
    const relabelled = verifyBundle(zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(edited, null, 2)) }));
    expect(relabelled.problems).toEqual([
      `manifest.json: edited after export: its title (sealed as "Checkout API returning 500s", now "Nothing to see"), its creator (sealed as "Ana Lima", now "Mallory"), its time (sealed as ${manifest.createdAt}, now 2020-01-01T00:00:00.000Z)`,
    ]);
    // The seal removed: said so.
    const { 'manifest.seal.json': _seal, ...unsealed } = files;
    expect(verifyBundle(zipSync(unsealed)).problems).toEqual(['manifest.seal.json is missing: the manifest\'s title, creator and time are covered by no hash']);
  });
});
