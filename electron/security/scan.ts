import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from './electronegativity';

// `npm run test:security`: scans the compiled main process, preload and the renderer's
// HTML (for its CSP), prints every finding, and fails on any HIGH one. electronegativity
// itself exits 0 whatever it finds, so the verdict is ours.
const root = process.cwd();
const files = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'].map((f) => join(root, f));
const missing = files.filter((file) => !existsSync(file));
if (missing.length > 0) {
  process.stderr.write(`Build first (npm run build): missing ${missing.join(', ')}\n`);
  process.exit(2);
}
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const findings = await scanFiles(files, electronVersion);
for (const f of findings) {
  process.stdout.write(`${f.severity.padEnd(13)} ${f.confidence.padEnd(10)} ${f.issue} ${f.file}:${f.location} ${f.description}\n`);
}
const high = findings.filter((f) => f.severity.toUpperCase() === 'HIGH');
process.stdout.write(`electronegativity: ${findings.length} findings, ${high.length} HIGH (Electron ${electronVersion})\n`);
process.exit(high.length > 0 ? 1 : 0);
