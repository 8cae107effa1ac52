// Builds better-sqlite3-multiple-ciphers for Electron's ABI into .native/electron/,
// leaving node_modules (the Node build that tests, the harness and the CLI load) alone.
// The source is copied from node_modules, so no registry is needed; node-gyp still needs
// Electron's headers, downloaded once into its cache. Offline on a first build, this fails
// quickly with one line (and the full log in .native/electron-build.log), and exits 1.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { failureReason } from '../launch/plan.mjs';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const moduleName = 'better-sqlite3-multiple-ciphers';
const moduleDir = dirname(require.resolve(`${moduleName}/package.json`));
const moduleVersion = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')).version;
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = join(root, '.native', 'electron');
const output = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'build-stamp.json');
const logFile = join(root, '.native', 'electron-build.log');
const wanted = JSON.stringify({ moduleVersion, electronVersion, platform: process.platform, arch: process.arch });

if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log(`Electron build of ${moduleName} is up to date (${relative(root, output)})`);
  process.exit(0);
}

// A private copy of the module is rebuilt, so the one in node_modules is never touched. Its
// Node build output is left behind: node-gyp compiles the copy from its sources.
const work = join(root, '.native', 'work');
rmSync(work, { recursive: true, force: true });
const copy = join(work, 'node_modules', moduleName);
mkdirSync(copy, { recursive: true });
cpSync(moduleDir, copy, { recursive: true, filter: (src) => !/[\\/](build|bin|prebuilds)$/.test(src.slice(moduleDir.length)) });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cordon-native', private: true, dependencies: { [moduleName]: moduleVersion } }));

mkdirSync(dirname(logFile), { recursive: true });
closeSync(openSync(logFile, 'w', 0o600));
chmodSync(logFile, 0o600);
const log = openSync(logFile, 'a');
// The package exports only its API (lib/main.js); its command line sits beside it.
const rebuild = join(dirname(require.resolve('@electron/rebuild')), 'cli.js');
// Always from source: the prebuilt binaries live on GitHub, which a machine may not reach.
const args = [rebuild, '--version', electronVersion, '--module-dir', work, '--only', moduleName, '--force', '--build-from-source'];
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, args, { stdio: ['ignore', log, log] });
  child.on('error', () => resolve(1));
  child.on('close', (c) => resolve(c ?? 1));
});
closeSync(log);

const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
if (code !== 0 || !existsSync(built)) {
  const reason = failureReason(readFileSync(logFile, 'utf8'));
  console.error(`Electron build of ${moduleName} failed: ${reason}. Full log: ${relative(root, logFile)}`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
copyFileSync(built, output);
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
console.log(`Built ${moduleName} ${moduleVersion} for Electron ${electronVersion}: ${relative(root, output)}`);
