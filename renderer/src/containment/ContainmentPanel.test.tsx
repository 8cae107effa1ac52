import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionView, RunPlan, ScriptRun } from '../../../shared/containment/model';
import type { CordonApi } from '../../../shared/ipc/contract';
import type { PushEvent } from '../../../shared/ipc/push';
import type { Result } from '../../../shared/ipc/result';
import { ContainmentPanel } from './ContainmentPanel';
import { appendOutput } from './containment-store';

const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const incidentId = '0190b6a0-0000-7000-8000-000000000001';

const base = {
  description: '',
  phaseKey: null,
  script: '',
  shell: 'sh' as const,
  cwd: '',
  timeoutSeconds: 300,
  simulated: { exitCode: 0, output: '' },
  env: [],
  original: null,
  updatedAt: null,
  updatedBy: null,
};
const block: ActionView = {
  ...base,
  id: 'block-ip',
  source: 'playbook',
  name: 'Block the IP',
  mode: 'argv',
  argv: ['iptables', '-I', 'INPUT', '-s', '{ATTACKER_IP}', '-j', 'DROP'],
  params: [{ name: 'ATTACKER_IP', kind: 'ip' }],
  destructive: true,
};
const run: ScriptRun = {
  runId: 'run-1',
  incidentId,
  actionId: 'block-ip',
  actionName: 'Block the IP',
  argv: [],
  simulated: false,
  state: 'running',
  startedAt: '2025-03-01T09:00:00.000Z',
  startedBy: 'Ana',
  finishedAt: null,
  exitCode: null,
  signal: null,
  durationMs: null,
  outputBytes: 0,
  keptBytes: 0,
  outputSha256: null,
  truncated: false,
};

const token = `${'a'.repeat(32)}.${'b'.repeat(64)}`;
const planFor = (params: Record<string, string>): RunPlan => ({
  actionId: 'block-ip',
  actionName: 'Block the IP',
  mode: 'argv',
  argv: ['iptables', '-I', 'INPUT', '-s', params.ATTACKER_IP ?? '', '-j', 'DROP'],
  layers: [],
  params,
  executable: '/usr/sbin/iptables',
  cwd: '/home/ana',
  envNames: ['CORDON_PARAM_ATTACKER_IP', 'API_TOKEN'],
  timeoutSeconds: 300,
  destructive: true,
  needsConfirmation: true,
  simulated: false,
});

function install(answer: 'confirm' | 'declined' = 'confirm') {
  const listeners = new Set<(e: PushEvent) => void>();
  const api = {
    actionList: vi.fn(async () => ok([block])),
    scriptRuns: vi.fn(async () => ok([] as ScriptRun[])),
    actionDryRun: vi.fn(async ({ params }: { params: Record<string, string> }) => ok<RunPlan>(planFor(params))),
    // The main process decides: without its token it answers with the plan to confirm (or, like Electron's dialog, declined).
    actionRun: vi.fn(async ({ params, confirmation }: { params: Record<string, string>; confirmation?: string }) =>
      confirmation === token
        ? ok({ status: 'started' as const, run })
        : answer === 'declined'
          ? ok({ status: 'declined' as const })
          : ok({ status: 'needs_confirmation' as const, plan: planFor(params), confirmation: token, expiresAt: '2025-03-01T09:02:00.000Z' }),
    ),
    subscribe: (listener: (e: PushEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  const push = (event: PushEvent) => act(() => listeners.forEach((l) => l(event)));
  return { api, push };
}

afterEach(cleanup);

describe('ContainmentPanel', () => {
  it('lists the actions and runs once as it opens, and again when the playbook changes', async () => {
    const { api } = install();
    const { rerender } = render(<ContainmentPanel incidentId={incidentId} playbookActions={[]} incidentKind="real" />);
    await screen.findByRole('option', { name: /Block the IP/ });
    expect(api.actionList).toHaveBeenCalledTimes(1);
    expect(api.scriptRuns).toHaveBeenCalledTimes(1);
    rerender(<ContainmentPanel incidentId={incidentId} playbookActions={[]} incidentKind="real" />);
    await waitFor(() => expect(api.actionList).toHaveBeenCalledTimes(2));
    expect(api.scriptRuns).toHaveBeenCalledTimes(2);
  });

  it('checks values inline and never calls the main process with a bad one', async () => {
    const { api } = install();
    render(<ContainmentPanel incidentId={incidentId} playbookActions={[]} incidentKind="real" />);
    fireEvent.change(await screen.findByLabelText('Action'), { target: { value: 'block-ip' } });
    const input = screen.getByLabelText('ATTACKER_IP');
    fireEvent.change(input, { target: { value: '10.0.0.1; rm -rf /' } });
    expect(screen.getByText(/is not an IP address/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Run…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    expect(api.actionDryRun).not.toHaveBeenCalled();
    expect(api.actionRun).not.toHaveBeenCalled();
  });

  it('confirms a destructive run showing the plan the main process sent, then runs it with the main process’s token and streams its output', async () => {
    const { api, push } = install();
    render(<ContainmentPanel incidentId={incidentId} playbookActions={[]} incidentKind="real" />);
    fireEvent.change(await screen.findByLabelText('Action'), { target: { value: 'block-ip' } });
    fireEvent.change(screen.getByLabelText('ATTACKER_IP'), { target: { value: '203.0.113.7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Run “Block the IP”?' });
    const argv = within(dialog).getByRole('list', { name: 'Exact command' });
    expect(within(argv).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['iptables', '-I', 'INPUT', '-s', '203.0.113.7', '-j', 'DROP']);
    expect(dialog.textContent).toContain('API_TOKEN');
    // Asking is not running: the first call carries no confirmation, and the page has no "confirmed" to send.
    expect(api.actionRun).toHaveBeenCalledTimes(1);
    expect(api.actionRun.mock.calls[0]?.[0]).not.toHaveProperty('confirmation');
    expect(api.actionRun.mock.calls[0]?.[0]).not.toHaveProperty('confirmed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run it' }));
    await waitFor(() => expect(api.actionRun).toHaveBeenLastCalledWith(expect.objectContaining({ confirmation: token, params: { ATTACKER_IP: '203.0.113.7' } })));
    push({ topic: 'script.output', runId: 'run-1', incidentId, stream: 'stdout', chunk: 'rule added\n' });
    push({ topic: 'script.output', runId: 'run-1', incidentId, stream: 'stderr', chunk: 'warning: legacy tables\n' });
    const log = await screen.findByRole('log', { name: 'Script output' });
    expect(log.textContent).toBe('rule added\nwarning: legacy tables\n');
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeTruthy();
  });
});

describe('ContainmentPanel, when the main process asks in its own dialog', () => {
  it('says the run was cancelled there, and starts nothing', async () => {
    const { api } = install('declined');
    render(<ContainmentPanel incidentId={incidentId} playbookActions={[]} incidentKind="real" />);
    fireEvent.change(await screen.findByLabelText('Action'), { target: { value: 'block-ip' } });
    fireEvent.change(screen.getByLabelText('ATTACKER_IP'), { target: { value: '203.0.113.7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run…' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Not run: it was cancelled/);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByRole('log', { name: 'Script output' })).toBeNull();
    expect(api.actionRun).toHaveBeenCalledTimes(1);
  });
});

describe('appendOutput', () => {
  it('keeps only the last N characters and says how much was hidden', () => {
    let view = appendOutput(undefined, 'stdout', 'a'.repeat(60));
    view = appendOutput(view, 'stderr', 'b'.repeat(60), 0, 100);
    view = appendOutput(view, 'stdout', 'c'.repeat(30), 5, 100);
    expect(view.segments.map((s) => [s.stream, s.text.length])).toEqual([
      ['stdout', 10],
      ['stderr', 60],
      ['stdout', 30],
    ]);
    expect(view.hiddenChars).toBe(50);
    expect(view.droppedBytes).toBe(5);
  });
});
