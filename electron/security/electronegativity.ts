import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

const marker = '@@cordon-findings@@';

// electronegativity's CLI writes its CSV with two concurrent async writes (header, then
// rows); under load the header write can land last and erase every finding. Its runner
// API returns the issues instead, so a child process calls it and prints them as JSON.
const childScript = (runner: string) => `
const mod = require(${JSON.stringify(runner)});
const run = typeof mod === "function" ? mod : mod.default;
run(JSON.parse(process.argv[1]), false).then((result) => {
  const findings = result.issues.map((i) => ({
    issue: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file,
    location: i.location.line + ':' + i.location.column,
    description: i.description,
  }));
  process.stdout.write('\\n${marker}' + JSON.stringify(findings) + '\\n');
}, (error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});`;

export function findingsFromOutput(stdout: string): Finding[] {
  const at = stdout.lastIndexOf(marker);
  if (at === -1) throw new Error('electronegativity printed no findings list');
  const line = stdout.slice(at + marker.length).split('\n')[0] ?? '';
  return (JSON.parse(line) as Finding[]).map((f) => ({ ...f, file: basename(f.file) }));
}

/**
 * Runs electronegativity over the given files. It reads only `.js` and `.html` files, so
 * our `.cjs` bundles are staged under a `.js` name first; otherwise it would silently
 * scan nothing and report only "missing" global checks.
 */
export async function scanFiles(files: readonly string[], electronVersion: string): Promise<Finding[]> {
  const stage = await mkdtemp(join(tmpdir(), 'cordon-scan-'));
  try {
    for (const file of files) {
      const ext = extname(file) === '.html' ? '.html' : '.js';
      await copyFile(file, join(stage, `${basename(file, extname(file))}${ext}`));
    }
    const runner = createRequire(import.meta.url).resolve('@doyensec/electronegativity');
    const options = { input: stage, electronVersionOverride: electronVersion, isRelative: false, customScan: [], excludeFromScan: [] };
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', childScript(runner), JSON.stringify(options)],
        { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`electronegativity failed: ${err || error.message}`)) : resolve(out)),
      );
    });
    return findingsFromOutput(stdout);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
