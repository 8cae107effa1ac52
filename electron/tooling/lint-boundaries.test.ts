import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets as if they lived in each layer, to prove the boundary rules bite (a
// rule that never fires looks exactly like a rule that is never broken).
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('import boundaries', () => {
  it.each([
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no Electron'],
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no Node built-ins'],
    ['shared/x.ts', "import { join } from 'path';\nexport const a = join;\n", 'no Node built-ins'],
    ['shared/x.ts', "import { cordon } from '../renderer/src/platform/cordon';\nexport const a = cordon;\n", 'imports neither side'],
    ['shared/x.ts', 'export const title = document.title;\n', 'document'],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", 'window.cordon'],
    ['renderer/src/x.ts', "import { spawn } from 'node:child_process';\nexport const a = spawn;\n", 'no Node built-ins'],
    ['renderer/src/x.ts', "import { createRouter } from '../../electron/ipc/router';\nexport const a = createRouter;\n", 'never electron/'],
    ['electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'services run in plain Node'],
  ])('%s: %s is refused', async (file, code, reason) => {
    const found = await problems(file, code);
    expect(found.some((p) => p.includes(reason))).toBe(true);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/ipc/contract';\nexport const a = contract;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/services/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
