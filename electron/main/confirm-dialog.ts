import { BrowserWindow, dialog } from 'electron';
import type { RunPlan } from '../../shared/containment/model';
import { planText } from '../../shared/containment/plan-text';

// The Electron confirmation for a destructive action or a shell: a native dialog, asked by the
// main process and answered by the person, showing the exact plan. The page cannot answer it.

const runLabel = (plan: RunPlan) => (plan.simulated ? 'Simulate it' : 'Run it');

export function createConfirmDialog(): (plan: RunPlan) => Promise<boolean> {
  return async (plan) => {
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      title: 'Confirm the action',
      message: `${plan.simulated ? 'Simulate' : 'Run'} “${plan.actionName}”?${plan.destructive ? ' It is marked destructive.' : ''}`,
      detail: planText(plan),
      buttons: ['Cancel', runLabel(plan)],
      // Enter and Escape both keep the command from running: running takes a deliberate choice.
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 1;
  };
}
