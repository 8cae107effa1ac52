// dialog: native dialogs, answered by the test.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { record } from './runtime';

/**
 * Native dialogs answer what the test programmed (launch.ts: `programDialog`), in order, per
 * method; every call is recorded with its options. With nothing programmed, the dialog is
 * cancelled, as if the user had pressed Escape.
 */
const programmed = new Map<string, unknown[]>();

export function programDialog(method: string, answer: unknown): void {
  refuseImpossibleAnswer(method, answer);
  programmed.set(method, [...(programmed.get(method) ?? []), answer]);
}

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/**
 * A native file dialog only answers a place the user could reach in it: a save dialog, a name
 * in a folder that exists (its "create folder" button makes one before it answers); an open
 * dialog, files that exist; both, absolute paths. Programming anything else is a mistake in the
 * test, and it fails there rather than as an error the app was right to give.
 */
function refuseImpossibleAnswer(method: string, answer: unknown): void {
  const chosen = answer as { canceled?: boolean; filePath?: string; filePaths?: string[] };
  if (chosen.canceled !== false) return;
  if (method === 'showSaveDialog') {
    const path = chosen.filePath ?? '';
    if (!isAbsolute(path) || !isFolder(dirname(path))) {
      throw new Error(`a save dialog cannot answer ${JSON.stringify(path)}: its folder does not exist (create it first, as the user would in the dialog)`);
    }
  } else if (method === 'showOpenDialog') {
    for (const path of chosen.filePaths ?? []) {
      if (!isAbsolute(path) || !existsSync(path)) throw new Error(`an open dialog cannot answer ${JSON.stringify(path)}: it does not exist`);
    }
  }
}

function answerDialog(method: string, args: unknown[], cancelled: unknown): unknown {
  // The optional first argument is the parent window.
  const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown> | undefined;
  const queue = programmed.get(method) ?? [];
  const answer = queue.length > 0 ? queue.shift() : cancelled;
  record({ kind: `dialog.${method}`, options: options ?? {}, programmed: answer !== cancelled, answer });
  return answer;
}

export const dialog = {
  showSaveDialog: async (...args: unknown[]) => answerDialog('showSaveDialog', args, { canceled: true, filePath: '' }),
  showSaveDialogSync: (...args: unknown[]) => (answerDialog('showSaveDialog', args, { canceled: true, filePath: '' }) as { filePath?: string }).filePath || undefined,
  showOpenDialog: async (...args: unknown[]) => answerDialog('showOpenDialog', args, { canceled: true, filePaths: [] }),
  showOpenDialogSync: (...args: unknown[]) => {
    const answer = answerDialog('showOpenDialog', args, { canceled: true, filePaths: [] }) as { canceled: boolean; filePaths: string[] };
    return answer.canceled ? undefined : answer.filePaths;
  },
  showMessageBox: async (...args: unknown[]) => {
    const options = (args.length > 1 ? args[1] : args[0]) as { cancelId?: number } | undefined;
    return answerDialog('showMessageBox', args, { response: options?.cancelId ?? 0, checkboxChecked: false });
  },
  showMessageBoxSync: (...args: unknown[]) => {
    const options = (args.length > 1 ? args[1] : args[0]) as { cancelId?: number } | undefined;
    return (answerDialog('showMessageBox', args, { response: options?.cancelId ?? 0, checkboxChecked: false }) as { response: number }).response;
  },
  showErrorBox: (title: string, content: string): void => record({ kind: 'dialog.showErrorBox', title, content }),
};
