import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import defaultMarkdown from '../../../resources/playbooks/default.md?raw';
import type { CordonApi } from '../../../shared/ipc/contract';
import { playbookContract } from '../../../shared/ipc/playbook-contract';
import type { Result } from '../../../shared/ipc/result';
import type { PlaybookSummary, StoredPlaybook } from '../../../shared/playbook/library';
import { importPlaybook, type Playbook } from '../../../shared/playbook/index';
import { useSettings } from '../settings/settings-store';
import { PlaybooksScreen } from './PlaybooksScreen';
import { resetPlaybooks } from './playbooks-store';

// A test double of the main process's playbook library: versions kept in memory, the
// real Markdown importer behind playbookPreview, and the real input schema on save.

// The editor is a large form; skipping the per-element visibility check keeps role queries fast.
configure({ defaultHidden: true });

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const summaryOf = (s: StoredPlaybook): PlaybookSummary => ({
  id: s.id,
  version: s.version,
  title: s.title,
  savedAt: s.savedAt,
  savedBy: s.savedBy,
  builtIn: s.builtIn,
  counts: s.counts,
});

function stored(id: string, version: number, playbook: Playbook, savedBy: string, builtIn = false): StoredPlaybook {
  return {
    id,
    version,
    title: playbook.title,
    savedAt: new Date(Date.UTC(2025, 2, version, 9, 30)).toISOString(),
    savedBy,
    builtIn,
    counts: {
      severities: playbook.severities.length,
      phases: playbook.phases.length,
      items: playbook.phases.reduce((n, p) => n + p.items.length, 0),
      roles: playbook.roles.length,
      actions: playbook.actions.length,
    },
    playbook,
    source: null,
    unparsed: [],
  };
}

const defaultPlaybook = importPlaybook(defaultMarkdown, { sourceName: 'default.md' }).playbook;

function installFakeLibrary() {
  const library = new Map<string, StoredPlaybook[]>();
  const v1 = { ...defaultPlaybook, title: 'Cordon Default Playbook (first draft)' };
  library.set('cordon-default', [stored('cordon-default', 1, v1, 'Cordon', true), stored('cordon-default', 2, defaultPlaybook, 'Cordon', true)]);
  let failNextSave: string | null = null;

  const api = {
    settingsGet: vi.fn(async () => ok({ theme: 'system', displayName: 'Ana Silva' })),
    subscribe: () => () => undefined,
    playbookList: vi.fn(async () => ok([...library.values()].map((versions) => summaryOf(versions[versions.length - 1]!)))),
    playbookGet: vi.fn(async ({ id, version }: { id: string; version?: number }) => {
      const versions = library.get(id) ?? [];
      const found = version === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === version);
      return found ? ok(found) : { ok: false, error: { code: 'not_found', message: 'No such playbook.' } };
    }),
    playbookVersions: vi.fn(async ({ id }: { id: string }) => ok((library.get(id) ?? []).map(summaryOf))),
    playbookPreview: vi.fn(async (input: { markdown: string; sourceName?: string }) => ok(importPlaybook(input.markdown, { sourceName: input.sourceName }))),
    playbookSave: vi.fn(async (raw: unknown) => {
      if (failNextSave) {
        const message = failNextSave;
        failNextSave = null;
        return { ok: false, error: { code: 'conflict', message } };
      }
      const input = playbookContract.playbookSave.input.parse(raw);
      const id = input.id ?? input.playbook.key;
      const versions = library.get(id) ?? [];
      // The main process stamps the actor: the settings name.
      const next = { ...stored(id, versions.length + 1, input.playbook, 'Ana Silva'), source: input.source, unparsed: input.unparsed };
      library.set(id, [...versions, next]);
      return ok(next);
    }),
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return { api, library, failSave: (message: string) => (failNextSave = message) };
}

const vendorNotes = '\n## Vendor Notes\n\nCall the vendor hotline if the appliance reboots twice.\n\nKeep the badge readers powered.\n';

async function importThroughPicker(markdown: string, name = 'acme-playbook.md') {
  const input = await screen.findByLabelText('Import playbook');
  const file = new File([markdown], name, { type: 'text/markdown' });
  fireEvent.change(input, { target: { files: [file] } });
  return screen.findByRole('heading', { level: 2, name: /Review import/ });
}

beforeEach(() => {
  resetPlaybooks();
  useSettings.setState({ settings: { theme: 'system', displayName: 'Ana Silva' }, error: null });
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(cleanup);

// The review renders a large form; jsdom is slow at label lookups, so allow headroom on slow machines.
describe('PlaybooksScreen', () => {
  it('lists the library with version, author, built-in badge and counts', async () => {
    installFakeLibrary();
    render(<PlaybooksScreen />);
    expect(screen.getByRole('heading', { level: 1, name: 'Playbooks' }).id).toBe('screen-title');
    const item = (await screen.findByRole('button', { name: 'Cordon Default Incident Response Playbook' })).closest('li')!;
    expect(within(item).getByText('Version 2')).toBeTruthy();
    expect(within(item).getByText('Built-in')).toBeTruthy();
    expect(within(item).getByText(/by Cordon/)).toBeTruthy();
    expect(within(item).getByText('4 levels · 6 phases · 31 items · 4 roles · 3 actions')).toBeTruthy();
  });

  it('imports a file from the picker and reviews it beside its source', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    const heading = await importThroughPicker(defaultMarkdown + vendorNotes);

    expect(fake.api.playbookPreview).toHaveBeenCalledWith({ markdown: defaultMarkdown + vendorNotes, sourceName: 'acme-playbook.md' });
    expect(heading.textContent).toContain('acme-playbook.md');
    expect(screen.getByTestId('import-summary').textContent).toBe('4 levels, 6 phases (31 items), 4 roles, 3 actions, 2 not understood');

    // The "Not understood" panel lists both lines; the source marks them.
    const panel = screen.getByRole('region', { name: /Not understood/ });
    const jump = within(panel).getByRole('button', { name: /Line 179.*vendor hotline/ });
    within(panel).getByRole('button', { name: /Line 181.*badge readers/ });
    const source = screen.getByRole('region', { name: 'Source Markdown of acme-playbook.md' });
    const marked = source.querySelectorAll('[data-unparsed]');
    expect([...marked].map((li) => li.id)).toEqual(['pb-src-179', 'pb-src-181']);
    expect(source.querySelectorAll('li')).toHaveLength((defaultMarkdown + vendorNotes).split('\n').length);

    fireEvent.click(jump);
    const line = document.getElementById('pb-src-179')!;
    expect(line.scrollIntoView).toHaveBeenCalled();
    expect(document.activeElement).toBe(line);

    // What was mapped is editable on the right.
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Cordon Default Incident Response Playbook');
    expect(screen.getAllByRole('group', { name: /SEV\d/ })).toHaveLength(4);

    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Library' })).toBeTruthy();
    expect(fake.api.playbookSave).not.toHaveBeenCalled();
  });

  it('refuses a dropped binary, an oversized file and a Markdown file with binary content, without calling the main process', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    const zone = await screen.findByTestId('playbook-dropzone');
    const drop = (file: File) => fireEvent.drop(zone, { dataTransfer: { files: [file], types: ['Files'] } });

    drop(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'diagram.png', { type: 'image/png' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/“diagram\.png” is not a Markdown file/);

    drop(new File(['# Big\n', 'x'.repeat(2 * 1024 * 1024)], 'huge.md', { type: 'text/markdown' }));
    expect((await screen.findByText(/“huge\.md” is 2\.0 MB; Cordon imports playbooks up to 2 MB/)).getAttribute('role')).toBe('alert');

    drop(new File([new Uint8Array([0x23, 0x20, 0x41, 0, 0, 0xff, 0xfe, 0, 0x41])], 'renamed.md', { type: '' }));
    expect(await screen.findByText(/“renamed\.md” looks like a binary file/)).toBeTruthy();

    expect(fake.api.playbookPreview).not.toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: /Review import/ })).toBeNull();

    // A good file dropped afterwards goes through and clears the message.
    drop(new File([defaultMarkdown], 'default.md', { type: 'text/markdown' }));
    await screen.findByRole('heading', { level: 2, name: /Review import/ });
    expect(fake.api.playbookPreview).toHaveBeenCalledTimes(1);
  });

  it('saves the edited SLA and matrix cell, then shows the saved playbook', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    await importThroughPicker(defaultMarkdown + vendorNotes);

    const sev2 = screen.getByRole('group', { name: /SEV2/ });
    fireEvent.change(within(sev2).getByLabelText('Response SLA'), { target: { value: '20 minutes' } });
    fireEvent.change(within(sev2).getByLabelText('Response minutes'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('Impact Minor, Urgency Low'), { target: { value: 'sev3' } });
    fireEvent.change(screen.getByLabelText('Impact Extensive, Urgency Low'), { target: { value: 'sev1' } });

    fireEvent.click(screen.getByRole('button', { name: 'Save to library' }));
    const title = await screen.findByRole('heading', { level: 2, name: 'Cordon Default Incident Response Playbook' });
    expect(fake.api.playbookSave).toHaveBeenCalledTimes(1);
    const sent = fake.api.playbookSave.mock.calls[0]![0] as { id?: string; playbook: Playbook; source: string; unparsed: unknown[] };
    // The page never names the actor: the main process stamps the settings name.
    expect(sent).not.toHaveProperty('actor');
    expect(sent.id).toBeUndefined();
    expect(sent.source).toBe(defaultMarkdown + vendorNotes);
    expect(sent.unparsed).toHaveLength(2);
    expect(sent.playbook.severities[1]).toMatchObject({ key: 'sev2', responseSla: { text: '20 minutes', minutes: 20 }, resolutionSla: { minutes: 1440 } });
    const grid = sent.playbook.matrix;
    expect(grid?.kind).toBe('grid');
    if (grid?.kind !== 'grid') return;
    expect(grid.cells).toHaveLength(9);
    expect(grid.cells.find((c) => c.row === 'Minor' && c.column === 'Low')?.level).toBe('sev3');
    expect(grid.cells.find((c) => c.row === 'Extensive' && c.column === 'Low')?.level).toBe('sev1');
    // Nothing else changed.
    const previewed = importPlaybook(defaultMarkdown + vendorNotes, { sourceName: 'acme-playbook.md' }).playbook;
    expect({ ...sent.playbook, severities: previewed.severities, matrix: previewed.matrix }).toEqual(previewed);

    // The saved version is what is shown now, in the read-only view.
    await waitFor(() => expect(document.activeElement).toBe(title));
    const levels = screen.getByRole('region', { name: 'Severity levels' });
    expect(within(levels).getByRole('row', { name: /SEV2/ }).textContent).toContain('20 minutes (20 min)');
    expect(within(title.parentElement!).getByText('Version 1')).toBeTruthy();
    expect(within(title.parentElement!).getByText(/by Ana Silva/)).toBeTruthy();
  });

  it('edits a saved playbook into a new version of the same id', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Cordon Default Incident Response Playbook' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));

    const containment = screen.getByRole('group', { name: /Containment/ });
    fireEvent.change(within(containment).getByRole('textbox', { name: 'New item in Containment' }), { target: { value: 'Snapshot the VM before isolating it' } });
    fireEvent.click(within(containment).getByRole('button', { name: 'Add item' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'New role name' }), { target: { value: 'Legal Liaison' } });
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'New role name' }), { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Save as new version' }));

    await screen.findByRole('heading', { level: 2, name: 'Cordon Default Incident Response Playbook' });
    const sent = fake.api.playbookSave.mock.calls[0]![0] as { id?: string; playbook: Playbook };
    expect(sent.id).toBe('cordon-default');
    const items = sent.playbook.phases.find((p) => p.key === 'containment')!.items;
    expect(items[items.length - 1]).toEqual({ key: 'snapshot-the-vm-before-isolating-it', text: 'Snapshot the VM before isolating it', role: null, actionKey: null, details: [] });
    expect(sent.playbook.roles.map((r) => r.key)).toEqual(['incident-commander', 'scribe', 'communications-lead', 'technical-lead', 'legal-liaison']);
    expect(await screen.findByRole('button', { name: /Version 3/, current: true })).toBeTruthy();
  });

  it('shows field errors before saving, and the main process’s message when a save fails', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    await importThroughPicker(defaultMarkdown);

    const title = screen.getByLabelText('Title');
    fireEvent.change(title, { target: { value: '' } });
    const sev1 = screen.getByRole('group', { name: /SEV1/ });
    fireEvent.change(within(sev1).getByLabelText('Resolution minutes'), { target: { value: '-5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to library' }));

    expect(fake.api.playbookSave).not.toHaveBeenCalled();
    expect(await screen.findByText('2 things to fix before saving:')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(title.getAttribute('aria-describedby')!)?.textContent).toBe('Required.');
    fireEvent.click(screen.getByRole('button', { name: 'Severity level SEV1 › Resolution SLA minutes' }));
    expect(document.activeElement).toBe(within(sev1).getByLabelText('Resolution minutes'));

    fireEvent.change(title, { target: { value: 'Acme Security Playbook' } });
    fireEvent.change(within(sev1).getByLabelText('Resolution minutes'), { target: { value: '240' } });
    expect(screen.queryByText(/to fix before saving/)).toBeNull();

    fake.failSave('A playbook named “Acme Security Playbook” was saved in another window. Reload and try again.');
    fireEvent.click(screen.getByRole('button', { name: 'Save to library' }));
    expect(await screen.findByText('Not saved: A playbook named “Acme Security Playbook” was saved in another window. Reload and try again.')).toBeTruthy();
    // Still on the review with the edits kept.
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Acme Security Playbook');
    expect(screen.getByRole('heading', { level: 2, name: /Review import/ })).toBeTruthy();
  });

  it('switches between versions in the history', async () => {
    const fake = installFakeLibrary();
    render(<PlaybooksScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Cordon Default Incident Response Playbook' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Cordon Default Incident Response Playbook' })).toBeTruthy();
    expect(fake.api.playbookGet).toHaveBeenLastCalledWith({ id: 'cordon-default' });

    const history = screen.getByRole('complementary', { name: 'Version history' });
    expect(within(history).getAllByRole('button').map((b) => b.textContent?.slice(0, 9))).toEqual(['Version 2', 'Version 1']);
    expect(within(history).getByRole('button', { name: /Version 2/ }).getAttribute('aria-current')).toBe('true');

    fireEvent.click(within(history).getByRole('button', { name: /Version 1/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Cordon Default Playbook (first draft)' })).toBeTruthy();
    expect(fake.api.playbookGet).toHaveBeenLastCalledWith({ id: 'cordon-default', version: 1 });
    expect(within(history).getByRole('button', { name: /Version 1/ }).getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('This is version 1; the newest is 2. Editing it saves version 3.');

    fireEvent.click(within(history).getByRole('button', { name: /Version 2/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Cordon Default Incident Response Playbook' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'All playbooks' })));
    expect(await screen.findByRole('heading', { level: 2, name: 'Library' })).toBeTruthy();
  });
});
