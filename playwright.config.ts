import { chromium, defineConfig } from '@playwright/test';
import { findChromium, systemFindDeps } from './electron/services/export/find-chromium';

// The Chromium of this machine: CHROMIUM_PATH, else Playwright's, else the system's
// (`npm test` obtains one first where it can; see electron/tooling/test-tools.ts).
const found = findChromium(systemFindDeps(chromium));
if (!found.ok) throw new Error(`${found.reason} Run \`npm run test:tools\` to install one, or set CHROMIUM_PATH.`);
export const chromiumPath: string = found.path;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Bounds for a hang, not speed targets: on a machine loaded many times over (CI beside other
  // jobs) a passing test is slow, and must still pass. A passing wait returns at once.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
