import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestApp, defaultPlaybookFile } from '../ipc/testing/test-app';
import type { StoredPlaybook } from '../../shared/playbook/library';

const realPlaybook = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/playbook/fixtures/real/mekong-security-runbook.md');

async function setup(options: { unlock?: boolean } = {}) {
  const { router, value, services } = createTestApp({ defaultPlaybookFile });
  if (options.unlock !== false) await router.dispatch('vaultCreate', { passphrase: 'a long enough passphrase' });
  return { router, value, services };
}

describe('playbook library', () => {
  it('starts with our default playbook, pinned as version 1', async () => {
    const { value } = await setup();
    const list = await value<StoredPlaybook[]>('playbookList', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'cordon-default', version: 1, builtIn: true, savedBy: 'Cordon' });
    expect(list[0]!.counts.severities).toBe(4);
    const full = await value<StoredPlaybook>('playbookGet', { id: 'cordon-default' });
    expect(full.playbook.phases.map((p) => p.name)).toContain('Containment');
    expect(full.source).toContain('# ');
  });

  it('imports a real playbook for review without saving, then saves it and a new version', async () => {
    const { value } = await setup();
    await value('settingsUpdate', { displayName: 'Dana' });
    const markdown = readFileSync(realPlaybook, 'utf8');
    const preview = await value<{ playbook: StoredPlaybook['playbook']; unparsed: unknown[] }>('playbookPreview', {
      markdown,
      sourceName: 'mekong-security-runbook.md',
    });
    expect(preview.playbook.severities.map((s) => s.label)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    expect(await value<unknown[]>('playbookList', {})).toHaveLength(1);

    const saved = await value<StoredPlaybook>('playbookSave', { playbook: preview.playbook, source: markdown, unparsed: preview.unparsed });
    expect(saved).toMatchObject({ version: 1, savedBy: 'Dana', builtIn: false });
    const edited = { ...saved.playbook, severities: saved.playbook.severities.map((s, i) => (i === 0 ? { ...s, responseSla: { text: '10 min', minutes: 10 } } : s)) };
    const v2 = await value<StoredPlaybook>('playbookSave', { id: saved.id, playbook: edited, source: markdown });
    expect(v2.version).toBe(2);
    expect((await value<StoredPlaybook>('playbookGet', { id: saved.id, version: 1 })).playbook.severities[0]!.responseSla?.minutes).toBe(15);
    expect((await value<StoredPlaybook>('playbookGet', { id: saved.id })).playbook.severities[0]!.responseSla?.minutes).toBe(10);
    expect((await value<StoredPlaybook[]>('playbookVersions', { id: saved.id })).map((v) => v.version)).toEqual([2, 1]);
  });

  it.each([
    ['an empty file', { markdown: '' }, /empty/],
    ['a binary file', { markdown: 'abc\0def' }, /not Markdown text/],
    ['a file over 2 MB', { markdown: 'x'.repeat(2 * 1024 * 1024 + 1) }, /larger than 2 MB/],
    ['a number', { markdown: 42 }, /markdown/],
  ])('refuses %s with a clear message', async (_label, input, message) => {
    const { router } = await setup();
    const result = await router.dispatch('playbookPreview', input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('refuses a malformed playbook and writes nothing', async () => {
    const { router, value } = await setup();
    const bad = await router.dispatch('playbookSave', { playbook: { title: 'No levels' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const unknownId = await router.dispatch('playbookSave', {
      id: 'does-not-exist',
      playbook: (await value<StoredPlaybook>('playbookGet', { id: 'cordon-default' })).playbook,
    });
    expect(unknownId).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A valid playbook, but the page names its actor: refused, the main process stamps it.
    const defaultPlaybook = (await value<StoredPlaybook>('playbookGet', { id: 'cordon-default' })).playbook;
    const forged = await router.dispatch('playbookSave', { actor: 'Mallory', playbook: defaultPlaybook });
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/"actor"/) } });
    expect(await value<unknown[]>('playbookList', {})).toHaveLength(1);
    expect(await router.dispatch('playbookGet', { id: 'Not A Slug' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await router.dispatch('playbookGet', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('is closed while the vault is locked', async () => {
    const { router } = await setup({ unlock: false });
    expect(await router.dispatch('playbookList', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
