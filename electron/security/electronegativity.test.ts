import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFromCsv, parseCsv, scanFiles } from './electronegativity';

describe('electronegativity output', () => {
  it('parses quoted fields that span lines', () => {
    const csv = 'issue, severity, filename\nCSP,"LOW","a\nb, c"\nNAV,"HIGH","N/A"\n';
    expect(parseCsv(csv)).toEqual([
      ['issue', ' severity', ' filename'],
      ['CSP', 'LOW', 'a\nb, c'],
      ['NAV', 'HIGH', 'N/A'],
    ]);
    expect(findingsFromCsv(csv.replace('issue, severity, filename', 'issue, severity, filename')).map((f) => f.severity)).toEqual(['LOW', 'HIGH']);
  });
});

describe('the security scan', () => {
  it('reports HIGH findings for an insecure main process (so a clean run means something)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cordon-insecure-'));
    const file = join(dir, 'main.cjs');
    await writeFile(
      file,
      `const { BrowserWindow } = require('electron');
       const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });
       w.loadURL('http://example.com');`,
    );
    const findings = await scanFiles([file], '40.0.0');
    const high = findings.filter((f) => f.severity === 'HIGH').map((f) => f.issue);
    expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
  }, 120_000);
});
