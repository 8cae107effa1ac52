// What `npm start` does, as decisions over injected steps (electron/launch/system.mjs has the
// real ones, the tests fakes): build, get Electron's binary on first need, compile the SQLite
// module for Electron, open the window. Where any of that cannot be had, one sentence says why
// and the browser harness starts instead, so a machine without Electron still gets Cordon.

/** @typedef {{ ok: true } | { ok: false, reason: string }} Step */

/**
 * @typedef {object} LaunchDeps
 * @property {() => Promise<number>} build Builds everything; the exit code.
 * @property {() => boolean} electronInstalled Electron's binary is in node_modules.
 * @property {boolean} skipDownload ELECTRON_SKIP_BINARY_DOWNLOAD is set: never download it.
 * @property {boolean} hasDisplay A window (or a browser) can be shown here.
 * @property {() => Promise<Step>} installElectron Electron's own installer, with a timeout.
 * @property {() => Promise<Step>} buildNative The SQLite module for Electron's ABI.
 * @property {() => Promise<number>} runElectron Opens the window; the exit code.
 * @property {(onUrl: (url: string) => void) => Promise<number>} runHarness The browser harness; the exit code.
 * @property {(url: string) => void} openBrowser Best effort; never throws.
 * @property {(line: string) => void} say
 */

/**
 * Why Electron cannot be used here, or null when it is ready to open.
 * @param {LaunchDeps} deps
 * @returns {Promise<string | null>}
 */
async function electronUnavailable(deps) {
  if (!deps.hasDisplay) return 'there is no display here to open its window on';
  if (!deps.electronInstalled()) {
    if (deps.skipDownload) return 'Electron’s binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set';
    deps.say('Downloading Electron (first start only)...');
    const got = await deps.installElectron();
    if (!got.ok) return `Electron’s binary could not be downloaded (${got.reason})`;
    if (!deps.electronInstalled()) return 'Electron’s installer finished without installing its binary';
  }
  const native = await deps.buildNative();
  if (!native.ok) return `the SQLite module could not be compiled for Electron (${native.reason})`;
  return null;
}

/**
 * @param {LaunchDeps} deps
 * @returns {Promise<number>} the exit code for `npm start`
 */
export async function start(deps) {
  const built = await deps.build();
  // A failed build is a defect to see, not a reason to fall back: the harness needs the build too.
  if (built !== 0) return built;
  const why = await electronUnavailable(deps);
  if (why === null) return deps.runElectron();
  deps.say(`Cordon cannot open as a desktop app because ${why}, so it is starting in your browser instead.`);
  return deps.runHarness((url) => {
    if (deps.hasDisplay) deps.openBrowser(url);
    else deps.say(`Open ${url} in Chromium or Chrome on this machine (or through an SSH tunnel).`);
  });
}

/**
 * The shortest useful reason from a failed command's output: a network error as Node words it
 * (`getaddrinfo ENOTFOUND github.com`), an HTTP status, else the first error line, else the last line.
 * @param {string} output
 * @returns {string}
 */
export function failureReason(output) {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const network = /\b(getaddrinfo \w+ \S+|connect E[A-Z]+ \S+|read ECONNRESET|E(?:CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)\b[^,;]*|self[- ]signed certificate[^,;]*|unable to get local issuer certificate)/i;
  const http = /\b(?:HTTPError: )?Response code (\d{3})[^,;]*|\b(\d{3}) (?:Not Found|Forbidden|Bad Gateway|Service Unavailable)\b/;
  for (const line of lines) {
    const m = network.exec(line) ?? http.exec(line);
    if (m) return clip(m[0]);
  }
  // node-gyp words a failed header download this way, without the error code.
  if (/related to network connectivity/.test(output)) return 'no network connection for a download';
  // A tool that reports "<what> failed: <why>" in one line, as the native build does.
  const summary = lines.find((l) => / failed: /.test(l));
  if (summary) return clip(summary.slice(summary.indexOf(' failed: ') + 9).replace(/\. Full log: .*$/, ''));
  const error = lines.find((l) => /^(?:\w*Error|gyp ERR!|npm error|error)\b:?/i.test(l));
  return clip(error ?? lines[lines.length - 1] ?? 'no output');
}

/** @param {string} s */
const clip = (s) => {
  const t = s.replace(/\.$/, '');
  return t.length > 160 ? `${t.slice(0, 159)}…` : t;
};

/**
 * Whether a window can be shown: always on macOS and Windows; on Linux and the BSDs only with
 * an X11 or Wayland display (an SSH session or a CI runner has neither).
 * @param {NodeJS.Platform} platform
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function hasDisplay(platform, env) {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The command that opens a URL in the system's browser, or null where there is none.
 * @param {NodeJS.Platform} platform
 * @param {string} url
 * @param {(name: string) => boolean} onPath
 * @returns {[string, string[]] | null}
 */
export function browserCommand(platform, url, onPath) {
  if (platform === 'darwin') return ['open', [url]];
  // `start`'s first quoted argument is a window title; the empty one keeps the URL an URL.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return onPath('xdg-open') ? ['xdg-open', [url]] : null;
}

/**
 * Where Electron keeps this app's data when started with `electron .` (its userData folder),
 * so the harness fallback opens the same vault.
 * @param {NodeJS.Platform} platform
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {string} home
 * @param {string} appName
 * @param {(...parts: string[]) => string} join
 */
export function appDataDir(platform, env, home, appName, join) {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName);
}
