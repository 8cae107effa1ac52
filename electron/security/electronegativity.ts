import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** RFC 4180 CSV: electronegativity quotes fields that span lines (its CSP samples do). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

export function findingsFromCsv(text: string): Finding[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (name: string) => header.findIndex((cell) => cell.trim() === name);
  const at = (row: string[], name: string) => (row[col(name)] ?? '').trim();
  return rows.map((row) => ({
    issue: at(row, 'issue'),
    severity: at(row, 'severity'),
    confidence: at(row, 'confidence'),
    file: basename(at(row, 'filename')),
    location: at(row, 'location'),
    description: at(row, 'description'),
  }));
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
    const out = join(stage, 'findings.csv');
    const cli = join(dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [cli, '-i', stage, '-e', electronVersion, '-o', out],
        { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    return findingsFromCsv(await readFile(out, 'utf8'));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
