import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { systemFindDeps } from '../services/export/find-chromium';
import { ensureTestTools } from './test-tools';

// `npm test`'s first step: find (or obtain) Chromium and pdftotext, or stop with one line.
const require = createRequire(import.meta.url);

const result = ensureTestTools({
  ...systemFindDeps(chromium),
  isRoot: process.getuid?.() === 0,
  run: (file, args, timeoutMs, quiet) =>
    spawnSync(file, args, { stdio: quiet ? 'ignore' : 'inherit', timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0,
  playwrightInstaller: [process.execPath, join(dirname(require.resolve('playwright-core/package.json')), 'cli.js')],
  say: (line) => process.stdout.write(`${line}\n`),
});

if (result.ok) {
  process.stdout.write(`Test tools: Chromium ${result.chromium}, pdftotext ${result.pdftotext}\n`);
} else {
  process.stderr.write(`${result.message}\n`);
  process.exit(1);
}
