import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import { EvidencePanel } from './EvidencePanel';

afterEach(cleanup);

const item = {
  id: 'ev-1',
  incidentId: 'inc-1',
  name: 'auth.log',
  mediaType: 'text/plain',
  size: 2048,
  sha256: 'ab'.repeat(32),
  addedAt: '2024-05-01T10:00:00.000Z',
  addedBy: 'Ana',
  eventId: 'e-1',
  note: 'from the bastion',
  custody: [{ at: '2024-05-01T11:00:00.000Z', actor: 'Bo', destination: 'browser download: auth.log', eventId: 'e-2' }],
};

function install(list: unknown[] = []) {
  const api = {
    evidenceList: vi.fn(async () => ({ ok: true, value: list })),
    uploadBegin: vi.fn(async () => ({ ok: true, value: { uploadId: 'u'.repeat(24), chunkBytes: 4 } })),
    uploadChunk: vi.fn(async (input: { offset: number; dataBase64: string }) => ({ ok: true, value: { received: input.offset + atob(input.dataBase64).length, complete: false } })),
    evidenceAdd: vi.fn(async () => ({ ok: true, value: { ...item, name: 'notes.txt', sha256: 'cd'.repeat(32) } })),
    evidenceExport: vi.fn(async () => ({ ok: true, value: { evidence: item, delivery: { kind: 'saved', fileName: 'auth.log' }, eventId: 'e-3' } })),
    subscribe: (_listener: (event: unknown) => void) => () => {},
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return api;
}

const pick = (file: File) => fireEvent.change(screen.getByLabelText('File'), { target: { files: [file] } });

describe('EvidencePanel', () => {
  it('lists evidence with hash, size, who, when, note and its chain of custody', async () => {
    install([item]);
    render(<EvidencePanel incidentId="inc-1" />);
    const row = (await screen.findByText('auth.log')).closest('li');
    expect(row?.textContent).toMatch(/2\.0 KB/);
    expect(row?.textContent).toMatch(/Added by Ana/);
    expect(row?.textContent).toMatch(/SHA-256 abababababababab…/);
    expect(row?.textContent).toMatch(/from the bastion/);
    expect(row?.textContent).toMatch(/Chain of custody \(1 copy exported\)/);
    expect(row?.textContent).toMatch(/exported by Bo to browser download: auth\.log/);
  });

  it('reads the list again for evidence and corrections pushed for its incident, not for every note', async () => {
    const api = install([item]);
    let listener: ((event: unknown) => void) | null = null;
    api.subscribe = (l: (event: unknown) => void) => ((listener = l), () => {});
    render(<EvidencePanel incidentId="inc-1" />);
    await screen.findByText('auth.log');
    const reads = () => api.evidenceList.mock.calls.length;
    const before = reads();
    listener!({ topic: 'incident.changed', incidentId: 'inc-1', eventId: 'n1', kind: 'note' });
    listener!({ topic: 'incident.changed', incidentId: 'inc-1', eventId: 'n2', kind: 'checklist_item_set' });
    listener!({ topic: 'incident.changed', incidentId: 'inc-2', eventId: 'e9', kind: 'evidence_added' });
    expect(reads()).toBe(before);
    for (const kind of ['evidence_added', 'evidence_exported', 'redact', 'amend']) listener!({ topic: 'incident.changed', incidentId: 'inc-1', eventId: 'x', kind });
    await waitFor(() => expect(reads()).toBe(before + 4));
  });

  it('sends a chosen file in chunks with its note, and never a path', async () => {
    const api = install();
    render(<EvidencePanel incidentId="inc-1" />);
    await screen.findByText('No evidence yet.');
    pick(new File(['0123456789'], 'notes.txt', { type: 'text/plain' }));
    fireEvent.change(screen.getByLabelText('Note (what it is, where it came from)'), { target: { value: 'pasted from the phishing mail' } });
    fireEvent.click(screen.getByRole('button', { name: 'Attach as evidence' }));
    expect(await screen.findByText(/Attached notes\.txt/)).toBeTruthy();
    expect(api.uploadBegin).toHaveBeenCalledWith({ purpose: 'evidence', name: 'notes.txt', mediaType: 'text/plain', size: 10 });
    expect(api.uploadChunk.mock.calls.map(([c]) => [c.offset, atob(c.dataBase64)])).toEqual([[0, '0123'], [4, '4567'], [8, '89']]);
    expect(api.evidenceAdd).toHaveBeenCalledWith({ incidentId: 'inc-1', uploadId: 'u'.repeat(24), note: 'pasted from the phishing mail' });
  });

  it('refuses an empty or huge file with a clear message, sending nothing', async () => {
    const api = install();
    render(<EvidencePanel incidentId="inc-1" />);
    await screen.findByText('No evidence yet.');
    pick(new File([], 'empty.txt'));
    expect((await screen.findByRole('alert')).textContent).toBe('empty.txt is empty: there is nothing to keep as evidence. Nothing was attached.');
    const huge = new File(['x'], 'disk.img');
    Object.defineProperty(huge, 'size', { value: 60 * 1024 * 1024 });
    pick(huge);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^disk\.img is 60\.0 MB; Cordon keeps evidence files of up to 50 MB\. Nothing was attached\.$/);
    expect((screen.getByRole('button', { name: 'Attach as evidence' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.uploadBegin).not.toHaveBeenCalled();
  });

  it('says so when the file cannot be read, and attaches nothing', async () => {
    const api = install();
    render(<EvidencePanel incidentId="inc-1" />);
    await screen.findByText('No evidence yet.');
    const unreadable = new File(['abc'], 'gone.log');
    Object.defineProperty(unreadable, 'slice', { value: () => ({ arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }) });
    pick(unreadable);
    fireEvent.click(screen.getByRole('button', { name: 'Attach as evidence' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not read gone\.log .* Nothing was attached\./);
    expect(api.evidenceAdd).not.toHaveBeenCalled();
  });

  it('exports a copy through the main process and says where it went', async () => {
    const api = install([item]);
    render(<EvidencePanel incidentId="inc-1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export a copy of auth.log' }));
    await waitFor(() => expect(api.evidenceExport).toHaveBeenCalledWith({ evidenceId: 'ev-1' }));
    expect((await screen.findByRole('status')).textContent).toBe('Exported auth.log (saved where you chose); the copy is recorded in auth.log’s chain of custody.');
  });

  it('takes a file dropped anywhere on the page', async () => {
    install();
    render(<EvidencePanel incidentId="inc-1" />);
    await screen.findByText('No evidence yet.');
    const file = new File(['hello'], 'dropped.pcap');
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { types: ['Files'], files: [file] };
    document.body.dispatchEvent(drop);
    expect(await screen.findByText('dropped.pcap')).toBeTruthy();
    expect(drop.defaultPrevented).toBe(true);
  });
});
