import { findChromium, findOnPath, type FindDeps } from '../services/export/find-chromium';

// What `npm test` needs beyond node_modules: a Chromium (the PDF tests and the e2e suite) and
// pdftotext/pdftoppm (poppler, to read the PDFs back). Found where they are; otherwise
// obtained the ordinary way for the machine (Debian's packages when we are root, Playwright's
// own download for Chromium where the internet allows), or one line saying what to run.

export interface ToolDeps extends FindDeps {
  isRoot: boolean;
  /**
   * Runs a command to completion, never asking questions; true when it exited 0. Its output goes
   * to the terminal, or nowhere when `quiet` (a failed download's stack traces help nobody).
   */
  run(file: string, args: readonly string[], timeoutMs: number, quiet?: boolean): boolean;
  /** The command that runs Playwright's browser installer (node and its cli.js). */
  playwrightInstaller: readonly [string, ...string[]];
  say(line: string): void;
}

export interface ToolsReady {
  ok: true;
  chromium: string;
  pdftotext: string;
}
export interface ToolsMissing {
  ok: false;
  /** One line: what is missing and exactly what to run. */
  message: string;
}

const aptTimeoutMs = 15 * 60_000;
const playwrightTimeoutMs = 10 * 60_000;

function chromiumHint(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'run `sudo apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install --with-deps chromium`, or set CHROMIUM_PATH';
  return 'run `npx playwright install chromium` or install Google Chrome, or set CHROMIUM_PATH';
}

function popplerHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'run `brew install poppler`';
  if (platform === 'win32') return 'install poppler (for example `choco install poppler`) and put its bin folder on PATH';
  return 'run `sudo apt-get install -y poppler-utils` (Debian/Ubuntu) or your system’s poppler package';
}

function canUseApt(deps: ToolDeps): boolean {
  return deps.platform === 'linux' && deps.isRoot && findOnPath('apt-get', deps) !== null;
}

const findPdftotext = (deps: ToolDeps) => findOnPath('pdftotext', deps);

export function ensureTestTools(deps: ToolDeps): ToolsReady | ToolsMissing {
  let chromium = findChromium(deps);
  let pdftotext = findPdftotext(deps);
  // An explicit CHROMIUM_PATH that is wrong is the user's to fix: nothing is installed over it.
  if (!chromium.ok && deps.env.CHROMIUM_PATH) return { ok: false, message: `${chromium.reason} Fix it or unset it.` };

  if ((!chromium.ok || !pdftotext) && canUseApt(deps)) {
    // Fonts come with Chromium's recommended packages, which --no-install-recommends leaves out:
    // without one, PDFs print with no readable glyphs.
    const packages = [...(chromium.ok ? [] : ['chromium', 'fonts-dejavu-core']), ...(pdftotext ? [] : ['poppler-utils'])];
    deps.say(`Installing ${packages.join(', ')} with apt-get for the tests.`);
    if (deps.run('apt-get', ['update', '-qq'], aptTimeoutMs)) {
      deps.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], aptTimeoutMs);
    }
    chromium = findChromium(deps);
    pdftotext = findPdftotext(deps);
  }

  if (!chromium.ok) {
    deps.say('No Chromium found; trying Playwright’s installer (needs the internet).');
    const [file, ...args] = deps.playwrightInstaller;
    deps.run(file, [...args, 'install', 'chromium'], playwrightTimeoutMs, true);
    chromium = findChromium(deps);
  }

  if (!chromium.ok) return { ok: false, message: `The tests need Chromium and none was found or could be installed: ${chromiumHint(deps.platform)}.` };
  if (!pdftotext) return { ok: false, message: `The tests need pdftotext and it is not installed: ${popplerHint(deps.platform)}.` };
  return { ok: true, chromium: chromium.path, pdftotext };
}
