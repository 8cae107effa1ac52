// Builds better-sqlite3-multiple-ciphers for Electron's ABI into .native/electron/,
// leaving node_modules (the Node build that tests, the harness and the CLI load) alone.
// Needs internet the first time: Electron's headers are downloaded by node-gyp.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const moduleName = 'better-sqlite3-multiple-ciphers';
const moduleVersion = JSON.parse(readFileSync(require.resolve(`${moduleName}/package.json`), 'utf8')).version;
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = join(root, '.native', 'electron');
const output = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'build-stamp.json');
const wanted = JSON.stringify({ moduleVersion, electronVersion, platform: process.platform, arch: process.arch });

if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log(`Electron build of ${moduleName} is up to date (${output})`);
  process.exit(0);
}

// A private copy of the module is rebuilt, so the one in node_modules is never touched.
const work = join(root, '.native', 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'cordon-native', private: true, dependencies: { [moduleName]: moduleVersion } }));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
const rebuild = join(dirname(require.resolve('@electron/rebuild/package.json')), 'lib', 'cli.js');
execFileSync(process.execPath, [rebuild, '--version', electronVersion, '--module-dir', work, '--only', moduleName, '--force'], { stdio: 'inherit' });
mkdirSync(outDir, { recursive: true });
copyFileSync(join(work, 'node_modules', moduleName, 'build', 'Release', 'better_sqlite3.node'), output);
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
console.log(`Built ${moduleName} ${moduleVersion} for Electron ${electronVersion}: ${output}`);
