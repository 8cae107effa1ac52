import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { createConsoleLogger } from '../services/logger';
import { createServices } from '../services/container';
import { createChromiumPdfRenderer } from '../services/export/chromium-pdf';
import { defaultHarnessPaths, startHarness } from './server';
import { createDownloadShelf } from './downloads';

// `npm run web`: the real services and router behind a loopback HTTP server, for
// browsers and Playwright on machines where Electron cannot be installed.
async function main(): Promise<void> {
  // Every file the harness creates (store, WAL, backups, key files) is the owner's alone.
  process.umask(0o077);
  const downloads = createDownloadShelf();
  const here = dirname(fileURLToPath(import.meta.url));
  const distDir = resolve(here, '..');
  const dataDir = process.env.CORDON_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cordon-harness-'));
  const logger = createConsoleLogger();
  const version = process.env.npm_package_version ?? '0.0.0';
  // The post-mortem's PDFs: Chromium through playwright-core, launched on the first export.
  const pdf = createChromiumPdfRenderer();
  const services = createServices({
    runtime: { runtime: 'harness', version, platform: process.platform, versions: process.versions },
    dataDir,
    logger,
    defaultPlaybookFile: resolve(distDir, '..', 'resources', 'playbooks', 'default.md'),
    exercisesDir: resolve(distDir, '..', 'resources', 'exercises'),
    pdf,
    files: downloads.sink,
    ...(process.env.CORDON_AUTOLOCK_MINUTES ? { autoLockMinutes: Number(process.env.CORDON_AUTOLOCK_MINUTES) } : {}),
  });
  const port = process.env.CORDON_PORT ? Number(process.env.CORDON_PORT) : 0;
  const harness = await startHarness({
    router: createRouter(createHandlers(services), logger),
    bus: services.bus,
    logger,
    port,
    downloads,
    ...defaultHarnessPaths(distDir),
  });
  process.stdout.write(`Cordon harness ready (data in ${dataDir})\n${harness.url}\n`);

  const stop = () => {
    void harness
      .close()
      .then(() => services.close())
      .then(() => pdf.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Cordon harness failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
