import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunPlan } from '../../shared/containment/model';

// The native confirmation against a stand-in `dialog`: what it shows, and that only the
// deliberate "Run it" button (not Enter, not Escape) lets the run go ahead.
const state = vi.hoisted(() => ({ shown: [] as { parent: unknown; options: Record<string, unknown> }[], response: 0 }));

vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => ({ id: 1 }), getAllWindows: () => [] },
  dialog: {
    showMessageBox: async (parent: unknown, options: Record<string, unknown>) => {
      state.shown.push({ parent, options });
      return { response: state.response, checkboxChecked: false };
    },
  },
}));

const { createConfirmDialog } = await import('./confirm-dialog');

const plan: RunPlan = {
  actionId: 'user.1',
  actionName: 'Note it',
  mode: 'argv',
  argv: ['sh', '-c', `echo noted 'x && cat /etc/passwd'`],
  layers: [{ parser: 'sh -c', depth: 1, text: `echo noted 'x && cat /etc/passwd'` }],
  params: { MESSAGE: 'x && cat /etc/passwd' },
  executable: '/bin/sh',
  cwd: '/srv',
  envNames: ['CORDON_PARAM_MESSAGE'],
  timeoutSeconds: 30,
  destructive: true,
  needsConfirmation: true,
  simulated: false,
};

describe('the native confirmation dialog', () => {
  beforeEach(() => {
    state.shown = [];
  });

  it('shows every argument and what each shell will parse, and runs only on "Run it"', async () => {
    const confirm = createConfirmDialog();
    state.response = 1;
    expect(await confirm(plan)).toBe(true);
    const options = state.shown[0]?.options ?? {};
    expect(state.shown[0]?.parent).toEqual({ id: 1 });
    expect(options.message).toBe('Run “Note it”? It is marked destructive.');
    expect(options.buttons).toEqual(['Cancel', 'Run it']);
    expect(options).toMatchObject({ defaultId: 0, cancelId: 0 });
    expect(options.detail).toContain(`[2] echo noted 'x && cat /etc/passwd'`);
    expect(options.detail).toContain('sh -c will parse:');
    expect(options.detail).toContain('MESSAGE = x && cat /etc/passwd');
  });

  it('Cancel (and Escape, which answers Cancel) keeps it from running', async () => {
    state.response = 0;
    expect(await createConfirmDialog()(plan)).toBe(false);
  });
});
