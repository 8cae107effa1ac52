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
    // The layer table: store < services < ipc | cli < main | harness, at any depth.
    ['electron/store/x.ts', "import type { Logger } from '../services/logger';\nexport type A = Logger;\n", 'electron/store may not import electron/services'],
    ['electron/store/testing/x.ts', "import { createRouter } from '../../ipc/router';\nexport const a = createRouter;\n", 'electron/store may not import electron/ipc'],
    ['electron/store/x.ts', "export { runCli } from '../cli/main';\n", 'electron/store may not import electron/cli'],
    ['electron/services/x.ts', "import { createRouter } from '../ipc/router';\nexport const a = createRouter;\n", 'electron/services may not import electron/ipc'],
    ['electron/services/scripts/x.ts', "import { createHandlers } from '../../ipc/handlers';\nexport const a = createHandlers;\n", 'electron/services may not import electron/ipc'],
    ['electron/services/x.ts', "export const load = () => import('../harness/server');\n", 'electron/services may not import electron/harness'],
    ['electron/ipc/x.ts', "import { runCli } from '../cli/main';\nexport const a = runCli;\n", 'electron/ipc may not import electron/cli'],
    ['electron/ipc/x.ts', "import { createWindow } from '../main/window';\nexport const a = createWindow;\n", 'electron/ipc may not import electron/main'],
    ['electron/cli/commands/x.ts', "import { createRouter } from '../../ipc/router';\nexport const a = createRouter;\n", 'electron/cli may not import electron/ipc'],
    ['electron/cli/x.ts', "import { startHarness } from '../harness/server';\nexport const a = startHarness;\n", 'electron/cli may not import electron/harness'],
    ['electron/main/x.ts', "import { startHarness } from '../harness/server';\nexport const a = startHarness;\n", 'electron/main may not import electron/harness'],
    ['electron/harness/x.ts', "import { menu } from '../main/menu';\nexport const a = menu;\n", 'electron/harness may not import electron/main'],
    // The write path: services reach the store through repositories and store.write only.
    ['electron/services/x.ts', "import type { Store } from '../store/store';\nexport const f = (store: Store & { db: { exec(sql: string): void } }) => store.db.exec('DELETE FROM events');\n", 'Services never hold the database'],
    ['electron/services/x.ts', "import type { PushBus } from './push-bus';\nexport const f = (bus: PushBus) => bus.publish({ topic: 'incident.changed', incidentId: 'i', eventId: 'e', kind: 'note' });\n", 'published by the store’s commit signal'],
    // shared/: a domain folder holds its own types; only the contract (shared/ipc) gathers them.
    ['shared/warroom/x.ts', "import type { EventView } from '../ipc/store-schemas';\nexport type A = EventView;\n", 'shared/warroom may not import shared/ipc'],
    ['shared/postmortem/x.ts', "export { contract } from '../ipc/contract';\n", 'shared/postmortem may not import shared/ipc'],
    // Errors: a catch that does nothing, even with a comment, is refused everywhere.
    ['electron/services/x.ts', 'export function f(g: () => void): void {\n  try {\n    g();\n  } catch {\n    // ignore\n  }\n}\n', 'Empty catch'],
    ['shared/x.ts', 'export function f(g: () => void): void {\n  try {\n    g();\n  } catch (error) {}\n}\n', 'Empty catch'],
    ['renderer/src/x.ts', 'export async function f(g: () => Promise<void>): Promise<void> {\n  try {\n    await g();\n  } catch {}\n}\n', 'Empty catch'],
    ['e2e/x.ts', 'export const f = (g: () => Promise<void>): Promise<void> => g().catch(() => {});\n', 'Empty catch'],
  ])('%s: %s is refused', async (file, code, reason) => {
    const found = await problems(file, code);
    expect(found.some((p) => p.includes(reason))).toBe(true);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const a = z.string();\n"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/ipc/contract';\nexport const a = contract;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/services/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['electron/services/x.ts', "import type { Store } from '../store/store';\nexport type A = Store;\n"],
    ['electron/ipc/x.ts', "import type { Services } from '../services/container';\nexport type A = Services;\n"],
    ['electron/cli/commands/x.ts', "import { openStore } from '../../store/store';\nimport { createPushBus } from '../../services/push-bus';\nexport const a = [openStore, createPushBus];\n"],
    ['electron/harness/x.ts', "import { createRouter } from '../ipc/router';\nexport const a = createRouter;\n"],
    ['electron/main/x.ts', "import type { Router } from '../ipc/router';\nexport type A = Router;\n"],
    ['electron/main.ts', "import { createServices } from './services/container';\nexport const a = createServices;\n"],
    // The store may import shared/ipc (a different tree) and itself; a name containing 'ipc' is not the layer.
    ['electron/store/x.ts', "import { CordonError } from '../../shared/ipc/result';\nimport { hasCode } from './error-shape';\nexport const a = [CordonError, hasCode];\n"],
    ['shared/warroom/x.ts', "import type { EventView } from '../events/read-models';\nexport type A = EventView;\n"],
    ['shared/ipc/x.ts', "import type { EventView } from '../events/read-models';\nimport { z } from 'zod';\nexport type A = EventView;\nexport const b = z;\n"],
    // Tests may drive a lower layer through a higher one.
    ['electron/services/x.test.ts', "import { createRouter } from '../ipc/router';\nexport const a = createRouter;\n"],
    ['electron/services/x.ts', 'export function f(g: () => void): boolean {\n  try {\n    g();\n    return true;\n  } catch {\n    return false;\n  }\n}\n'],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
