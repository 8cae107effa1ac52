import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi, MethodInput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { StoredEvent } from '../../../shared/ipc/store-schemas';
import type { StoredPlaybook } from '../../../shared/playbook/library';
import { sourceFrom } from '../../../shared/postmortem/fixtures';
import { samplePlaybook } from '../../../shared/warroom/fixtures';
import { CommsPanel } from './CommsPanel';
import { useComms } from './comms-store';

const secret = 'api_key=sk-live-0123456789abcdefABCDEF';
const source = sourceFrom(
  [
    { at: '2026-12-01T09:00:00.000Z', body: { kind: 'declared', payload: { title: 'Checkout errors', kind: 'real', severity: 'sev1', commander: 'Ana Lima' } } },
    { at: '2026-12-01T09:05:00.000Z', body: { kind: 'note', payload: { text: `Leaked ${secret} in the build log`, key: true } } },
  ],
  samplePlaybook,
);
const stored = { id: 'default', version: 1, playbook: samplePlaybook, source: null, unparsed: [] } as unknown as StoredPlaybook;
const record = { summary: source.incident, state: source.state, events: source.events, stored, exerciseClock: null };

const commsUpdateSend = vi.fn(async (_input: MethodInput<'commsUpdateSend'>): Promise<Result<StoredEvent>> => ({ ok: true, value: {
    ...source.events[1]!,
    kind: 'comms_update_sent',
    payload: { audience: 'internal', audienceName: 'Internal responders', audienceKind: 'internal', text: 'x', format: 'plain' },
  },
}));

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-12-01T09:10:00.000Z') });
  Object.defineProperty(window, 'cordon', { value: { commsUpdateSend, subscribe: () => () => undefined } as unknown as CordonApi, configurable: true });
  useComms.setState({ incidentId: null, draft: null, added: [] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  commsUpdateSend.mockClear();
});

const openDraft = () => fireEvent.click(screen.getByRole('button', { name: 'Draft an update for Internal responders' }));

describe('the comms panel', () => {
  it('drafts from the record and logs the update as sent, with the audience, text and promised cadence', async () => {
    render(<CommsPanel record={record} presenter={false} />);
    const row = screen.getByRole('row', { name: /Internal responders/ });
    expect(row.textContent).toContain('every 30 min');
    expect(within(row).getByRole('timer').getAttribute('aria-label')).toBe('Next update: 20:00 left, on track');
    openDraft();
    const text = screen.getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement;
    expect(text.value).toContain(`- Leaked ${secret} in the build log`);
    fireEvent.click(screen.getByRole('button', { name: 'Mark sent to Internal responders' }));
    // Fields are left: it asks first, and writes nothing until confirmed.
    expect(commsUpdateSend).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /Mark sent anyway \(3 left to complete\)/ }));
    await waitFor(() => expect(commsUpdateSend).toHaveBeenCalledTimes(1));
    expect(commsUpdateSend).toHaveBeenCalledWith(
      expect.objectContaining({ incidentId: source.incident.id, audience: 'internal', format: 'plain', nextUpdateMinutes: 30, subject: 'SEV1 (Critical): Checkout errors, update 1', text: text.value }),
    );
    await waitFor(() => expect(screen.getByText(/Logged as sent to Internal responders/)).toBeDefined());
    expect(screen.queryByRole('textbox', { name: 'Text' })).toBeNull();
  });

  it('in presenter mode shows the draft with its secrets hidden, and no editor', () => {
    render(<CommsPanel record={record} presenter />);
    openDraft();
    expect(screen.queryByRole('textbox', { name: 'Text' })).toBeNull();
    const shown = screen.getByLabelText('Draft, secrets hidden');
    expect(shown.textContent).toContain('Leaked api_key=••• in the build log');
    expect(document.body.textContent).not.toContain('sk-live-0123456789');
  });

  it('opens a draft on the U shortcut, for the most urgent audience', () => {
    vi.setSystemTime(Date.parse('2026-12-01T09:31:00.000Z'));
    render(<CommsPanel record={record} presenter={false} />);
    fireEvent.keyDown(window, { key: 'u' });
    expect(screen.getByRole('region', { name: /Update to Internal responders/ })).toBeDefined();
  });

  it('adds an audience on the spot, and names it as new when its first update is logged', async () => {
    render(<CommsPanel record={record} presenter={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add an audience' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Audience name' }), { target: { value: 'Board of directors' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind of audience' }), { target: { value: 'executive' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const row = screen.getByRole('row', { name: /Board of directors/ });
    expect(row.textContent).toContain('every hour');
    fireEvent.click(within(row).getByRole('button', { name: 'Draft an update for Board of directors' }));
    expect((screen.getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement).value).toMatch(/^Bottom line: \[one sentence/);
    fireEvent.click(screen.getByRole('button', { name: 'Mark sent to Board of directors' }));
    fireEvent.click(screen.getByRole('button', { name: /Mark sent anyway/ }));
    await waitFor(() => expect(commsUpdateSend).toHaveBeenCalledWith(expect.objectContaining({ newAudience: { name: 'Board of directors', kind: 'executive' } })));
    expect(commsUpdateSend.mock.calls[0]?.[0]).not.toHaveProperty('audience');
  });

  it('ties a regulator notice to the compliance clock: the duty’s countdown, and the duty it meets when logged', async () => {
    const flagged = sourceFrom(
      [
        { at: '2026-12-01T09:00:00.000Z', body: { kind: 'declared', payload: { title: 'Customer records exposed', kind: 'real', severity: 'sev1' } } },
        { at: '2026-12-01T09:05:00.000Z', body: { kind: 'personal_data_flagged', payload: { involved: true } } },
      ],
      samplePlaybook,
    );
    render(<CommsPanel record={{ ...record, summary: flagged.incident, state: flagged.state, events: flagged.events }} presenter={false} />);
    const row = screen.getByRole('row', { name: /Regulator/ });
    expect(within(row).getByRole('timer').getAttribute('aria-label')).toBe('GDPR Art. 33 notification: 2d 23:55:00 left, on track');
    expect(within(row).getByRole('button', { name: 'Compliance clock' })).toBeDefined();
    fireEvent.click(within(row).getByRole('button', { name: 'Draft an update for Regulator' }));
    expect((screen.getByRole('combobox', { name: 'Meets the compliance duty' }) as HTMLSelectElement).value).toBe('gdpr-art-33');
    expect((screen.getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement).value).toContain('Became aware of the breach: 2026-12-01 09:05 UTC');
    fireEvent.click(screen.getByRole('button', { name: 'Mark sent to Regulator' }));
    fireEvent.click(screen.getByRole('button', { name: /Mark sent anyway/ }));
    await waitFor(() => expect(commsUpdateSend).toHaveBeenCalledWith(expect.objectContaining({ audience: 'regulator', dutyKey: 'gdpr-art-33' })));
  });
});
