import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./fixtures/store-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts the fixture in a real second Node process (through tsx, as the app's code is TypeScript). */
export function spawnStoreChild(mode: 'append' | 'open', file: string, key: Buffer): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, mode, file], {
    cwd: repoRoot,
    env: { ...process.env, CORDON_TEST_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects the child's stdout lines; resolves when `until` says so or the child exits. */
export function readLines(child: ChildProcess, until: (lines: string[]) => boolean = () => false): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (until(lines)) resolve(lines);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (partial) lines.push(partial);
      if (lines.length === 0 && code !== 0) reject(new Error(`child exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve(lines);
    });
  });
}
