// The real steps behind electron/launch/plan.mjs: child processes, files, the system browser.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { appDataDir, browserCommand, failureReason, hasDisplay } from './plan.mjs';

const downloadTimeoutMs = 5 * 60_000;
const nativeTimeoutMs = 15 * 60_000;
const urlPattern = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/;

/**
 * Runs a command; its output is kept (for the reason of a failure), not shown. The whole process
 * group is ended at the timeout, so a hung download or compiler does not outlive it.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs: number }} options
 * @returns {Promise<import('./plan.mjs').Step>}
 */
export function runQuiet(file, args, { cwd, env = process.env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    const keep = (/** @type {Buffer} */ chunk) => {
      output = (output + chunk.toString()).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch (error) {
        // ESRCH: already gone. Anything else is reported with the result below.
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') output += `\ncould not stop the process: ${String(/** @type {NodeJS.ErrnoException} */ (error).code)}`;
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      else if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: failureReason(output) });
    });
  });
}

/**
 * Runs a command in the foreground, forwarding Ctrl+C and the like; its exit code.
 * @param {string} file
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, onStdout?: (text: string) => void }} options
 * @returns {Promise<number>}
 */
export function runForeground(file, args, { cwd, env = process.env, onStdout }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio: ['inherit', onStdout ? 'pipe' : 'inherit', 'inherit'] });
    if (onStdout && child.stdout) {
      child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
        process.stdout.write(chunk);
        onStdout(chunk.toString());
      });
    }
    /** @type {NodeJS.Signals[]} */
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      process.stderr.write(`${file}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** @param {string} path */
function isExecutable(path) {
  try {
    return statSync(path).isFile() && (accessSync(path, constants.X_OK), true);
  } catch {
    return false;
  }
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, name)));
}

/**
 * Electron's binary as its own installer records it (path.txt, dist/version), without loading
 * the `electron` package, which throws when the binary is missing.
 * @param {string} electronDir
 */
export function electronBinary(electronDir) {
  try {
    const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
    const installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const binary = join(electronDir, 'dist', relative);
    return installed === version && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} root the repository
 * @returns {import('./plan.mjs').LaunchDeps}
 */
export function systemDeps(root) {
  const require = createRequire(join(root, 'package.json'));
  const electronDir = dirname(require.resolve('electron/package.json'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // npm sets npm_execpath when it runs a script; outside npm, the npm on PATH.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : [process.platform === 'win32' ? 'npm.cmd' : 'npm'];
  const display = hasDisplay(process.platform, process.env);
  return {
    build: () => runForeground(npm[0] ?? 'npm', [...npm.slice(1), 'run', 'build'], { cwd: root }),
    electronInstalled: () => electronBinary(electronDir) !== null,
    skipDownload: Boolean(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD),
    hasDisplay: display,
    installElectron: () => runQuiet(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, timeoutMs: downloadTimeoutMs }),
    buildNative: () => {
      process.stdout.write('Preparing the SQLite module for Electron (a few minutes the first time)...\n');
      return runQuiet(process.execPath, [join(root, 'electron', 'native', 'build-electron-native.mjs')], { cwd: root, timeoutMs: nativeTimeoutMs });
    },
    runElectron: () => {
      const binary = electronBinary(electronDir);
      return binary ? runForeground(binary, ['.'], { cwd: root }) : Promise.resolve(1);
    },
    runHarness: (onUrl) => {
      const dataDir = process.env.CORDON_DATA_DIR ?? appDataDir(process.platform, process.env, homedir(), String(pkg.productName ?? pkg.name), join);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      let seen = '';
      let announced = false;
      return runForeground(process.execPath, [join(root, 'dist', 'harness', 'server.mjs')], {
        cwd: root,
        env: { ...process.env, CORDON_DATA_DIR: dataDir },
        onStdout: (text) => {
          if (announced) return;
          seen += text;
          const url = urlPattern.exec(seen)?.[0];
          if (url) {
            announced = true;
            onUrl(url);
          }
        },
      });
    },
    openBrowser: (url) => {
      const command = browserCommand(process.platform, url, onPath);
      if (!command) return;
      try {
        const child = spawn(command[0], command[1], { stdio: 'ignore', detached: true });
        // No browser to open: the URL is printed above, and the reason goes beside it.
        child.on('error', (error) => process.stderr.write(`Could not open a browser (${String(/** @type {NodeJS.ErrnoException} */ (error).code)}); open the address above.\n`));
        child.unref();
      } catch (error) {
        process.stderr.write(`Could not open a browser (${String(/** @type {NodeJS.ErrnoException} */ (error).code)}); open the address above.\n`);
      }
    },
    say: (line) => process.stdout.write(`${line}\n`),
  };
}
