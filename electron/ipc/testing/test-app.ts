import { resolve } from 'node:path';
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
  const services = createServices({
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
  return { dir, services, router, logger, pushed, call, value };
}
