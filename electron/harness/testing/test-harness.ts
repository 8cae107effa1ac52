import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createHandlers } from '../../ipc/handlers';
import { createRouter } from '../../ipc/router';
import { createServices } from '../../services/container';
import { createMemoryLogger } from '../../services/logger';
import { testScrypt } from '../../store/testing/temp-dir';
import { createDownloadShelf } from '../downloads';
import { startHarness, type RunningHarness } from '../server';

// A harness on the real services, with a stand-in renderer folder (and a file beside it that
// must never be served) and a 1 KiB body limit, stopped and removed after each test.

export interface TestHarness {
  harness: RunningHarness;
  services: ReturnType<typeof createServices>;
  logger: ReturnType<typeof createMemoryLogger>;
}

/** Call at the top of a test file; each test then starts its own harness with the returned function. */
export function testHarnessesForEachTest(): () => Promise<TestHarness> {
  const started: { harness: RunningHarness; services: ReturnType<typeof createServices>; root: string }[] = [];
  afterEach(async () => {
    for (const { harness, services, root } of started.splice(0)) {
      await harness.close();
      await services.close();
      await rm(root, { recursive: true, force: true });
    }
  });
  return async () => {
    const root = await mkdtemp(join(tmpdir(), 'cordon-harness-test-'));
    const rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'outside the renderer');
    const transportFile = join(root, 'transport.js');
    await writeFile(transportFile, '/* transport */');
    const logger = createMemoryLogger();
    const downloads = createDownloadShelf();
    await mkdir(join(root, 'data'));
    const services = createServices({
      runtime: { runtime: 'harness', version: '9.9.9', platform: 'linux', versions: { node: '20' } },
      dataDir: join(root, 'data'),
      logger,
      files: downloads.sink,
      scryptParams: testScrypt,
      autoLockMinutes: 0,
    });
    const harness = await startHarness({
      router: createRouter(createHandlers(services), logger),
      bus: services.bus,
      logger,
      rendererDir,
      transportFile,
      maxBodyBytes: 1024,
      downloads,
    });
    started.push({ harness, services, root });
    return { harness, services, logger };
  };
}
