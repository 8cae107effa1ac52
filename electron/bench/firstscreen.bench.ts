import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The first screen: how much script the unlock form waits for, and how long the CLI and the
// harness take to answer, each beside a bare `node -e 0` measured in the same run. Reads the
// built dist/ (run `npm run build` first).
const dist = join(import.meta.dirname, '..', '..', 'dist');
const renderer = join(dist, 'renderer');
const UNLOCK_KIB = 200;
const ALL_KIB = 350;
const OVER_NODE_MS = 300;
const RUNS = 5;

const gzipKiB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** Chunks the page loads before it runs: the entry and, transitively, its static imports (not `import()`). */
function scriptsOfEntry(): string[] {
  const html = readFileSync(join(renderer, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in dist/renderer/index.html');
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const code = readFileSync(join(renderer, path), 'utf8');
    // Static forms only: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`; `import("./x.js")` is left out.
    for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      visit(join(path, '..', match[1] ?? ''));
    }
  };
  visit(entry);
  return [...seen];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function timeSync(args: string[]): number {
  const t = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.status ?? run.signal}`);
  return performance.now() - t;
}

/** From spawn to the harness printing its URL; the child is stopped and waited for afterwards. */
function timeHarnessBoot(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cordon-bench-firstscreen-'));
  return new Promise<number>((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [join(dist, 'harness', 'server.mjs')], { env: { ...process.env, CORDON_DATA_DIR: dataDir, CORDON_PORT: '0' } });
    let out = '';
    let ms = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ms === 0 && /http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
        ms = performance.now() - t;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => (ms > 0 ? resolve(ms) : reject(new Error(`harness exited with ${code} before printing its URL`))));
  }).finally(() => rmSync(dataDir, { recursive: true, force: true }));
}

const line = (label: string, value: string, target: string, pass: boolean) =>
  process.stdout.write(`${label.padEnd(44)} ${value.padStart(22)}  ${target.padEnd(24)} ${pass ? 'PASS' : 'FAIL'}\n`);

async function main(): Promise<void> {
  if (!existsSync(join(renderer, 'index.html')) || !existsSync(join(dist, 'cli', 'cordon.mjs'))) {
    process.stdout.write('dist/ is missing: run `npm run build` first\n');
    return;
  }
  const unlock = scriptsOfEntry();
  const unlockKiB = unlock.reduce((sum, path) => sum + gzipKiB(join(renderer, path)), 0);
  const chunks = readdirSync(join(renderer, 'assets')).filter((name) => name.endsWith('.js'));
  const allKiB = chunks.reduce((sum, name) => sum + gzipKiB(join(renderer, 'assets', name)), 0);
  process.stdout.write(`renderer: ${chunks.length} script chunks; the unlock screen loads ${unlock.length}: ${unlock.join(', ')}\n`);
  line('script the unlock screen loads (gzip)', `${unlockKiB.toFixed(1)} KiB`, `≤ ${UNLOCK_KIB} KiB`, unlockKiB <= UNLOCK_KIB);
  line('all script chunks together (gzip)', `${allKiB.toFixed(1)} KiB`, `≤ ${ALL_KIB} KiB`, allKiB <= ALL_KIB);

  // Interleaved, so a busy moment of the machine falls on both sides of each comparison.
  const bare: number[] = [];
  const help: number[] = [];
  const harness: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timeSync(['-e', '0']));
    help.push(timeSync([join(dist, 'cli', 'cordon.mjs'), '--help']));
    harness.push(await timeHarnessBoot());
  }
  const node = median(bare);
  process.stdout.write(`bare \`node -e 0\`: ${node.toFixed(0)} ms (median of ${RUNS})\n`);
  for (const [label, values] of [
    ['`cordon --help`', help],
    ['harness boot to its printed URL', harness],
  ] as const) {
    const ms = median(values);
    const over = ms - node;
    line(label, `${ms.toFixed(0)} ms (+${over.toFixed(0)}, ${(ms / node).toFixed(1)}x)`, `≤ node + ${OVER_NODE_MS} ms`, over <= OVER_NODE_MS);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`firstscreen bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
});
