import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The store sets this itself before better-sqlite3's addon loads (electron/store/database.ts);
// test processes are reused across files, and a file that opens SQLite without the store could
// load the addon first, so the test processes get it from the start.
process.env.SQLITE_USE_URI = '1';

// Two projects: the pure and main-process code runs in plain Node (no Electron needed),
// renderer components in jsdom. The timeouts only stop a test that hangs: on a machine loaded
// ten times over a passing test may take many times its usual seconds, and must still pass.
const hangGuard = { testTimeout: 120_000, hookTimeout: 120_000 };
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'e2e/electron-standin/**/*.test.ts'],
          ...hangGuard,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/src/testing/dom-setup.ts'],
          ...hangGuard,
        },
      },
    ],
  },
});
