import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFolderSink } from '../../services/files/file-sink';
import { afterEach } from 'vitest';
import type { PushEvent } from '../../../shared/ipc/push';
import { createServices, type ServiceDeps } from '../../services/container';
import { createMemoryLogger } from '../../services/logger';
import { tempDir, testScrypt } from '../../store/testing/temp-dir';
import { createHandlers } from '../handlers';
import { createRouter } from '../router';

// The whole main process as tests see it: real services on a temp data dir, reached only
// through the router, as a renderer would. Cleaned up after each test.
let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

export const defaultPlaybookFile = resolve('resources/playbooks/default.md');

export function createTestApp(deps: Partial<ServiceDeps> = {}) {
  const { dir, cleanup } = tempDir();
  const logger = createMemoryLogger();
  // What the user "chose" in the save dialog: one folder, where nothing is ever overwritten.
  const exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir);
  const services = createServices({
    files: createFolderSink(exportsDir),
    runtime: { runtime: 'harness', version: '0.0.1', platform: 'linux', versions: { node: '20' } },
    dataDir: dir,
    logger,
    scryptParams: testScrypt,
    autoLockMinutes: 0,
    ...deps,
  });
  const router = createRouter(createHandlers(services), logger);
  const pushed: PushEvent[] = [];
  services.bus.subscribe((event) => pushed.push(event));
  cleanups.push(cleanup, () => services.close());
  const call = (method: string, input?: unknown) => router.dispatch(method, input);
  // Tests read deep into results; the contract's own output types are checked by tsc elsewhere.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const value = async <T = any>(method: string, input?: unknown): Promise<T> => {
    const result = await router.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  /** Sends bytes as the page does: uploadBegin, then 1 MiB chunks; returns the upload id. */
  const upload = async (purpose: 'evidence' | 'restore' | 'sync_exchange', name: string, bytes: Uint8Array, mediaType = 'application/octet-stream'): Promise<string> => {
    const begun = await value<{ uploadId: string; chunkBytes: number }>('uploadBegin', { purpose, name, mediaType, size: bytes.length });
    for (let offset = 0; offset < bytes.length; offset += begun.chunkBytes) {
      const piece = Buffer.from(bytes.subarray(offset, offset + begun.chunkBytes)).toString('base64');
      await value('uploadChunk', { uploadId: begun.uploadId, offset, dataBase64: piece });
    }
    return begun.uploadId;
  };
  return { dir, exportsDir, services, router, logger, pushed, call, value, upload };
}
