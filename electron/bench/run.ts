import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `npm run bench`: each section in its own process, one after the other, so one section's
// heap and caches do not colour the next one's figures. Each prints its own figures, the
// ratios to its targets and PASS/FAIL lines; a benchmark never fails the build.
const sections = ['store.bench.ts', 'playbook.bench.ts', 'warroom.bench.ts', 'incidents-list.bench.ts', 'postmortem-draft.bench.ts', 'firstscreen.bench.ts', 'export.bench.ts', 'sync.bench.ts', 'health.bench.ts'];
const only = process.argv.slice(2);

for (const file of sections) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  process.stdout.write(`\n=== ${file.replace('.bench.ts', '')} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) process.stdout.write(`(${file} exited with ${run.status ?? run.signal})\n`);
}
