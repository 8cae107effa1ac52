import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFromOutput, scanFiles } from './electronegativity';

describe('electronegativity output', () => {
  it('reads the findings list after the marker, whatever was printed before it', () => {
    const out = 'Could not retrieve updated translations\n@@cordon-findings@@[{"issue":"CSP_GLOBAL_CHECK","severity":"LOW","confidence":"FIRM","file":"/tmp/x/index.html","location":"5:0","description":"d"}]\n';
    expect(findingsFromOutput(out)).toEqual([
      { issue: 'CSP_GLOBAL_CHECK', severity: 'LOW', confidence: 'FIRM', file: 'index.html', location: '5:0', description: 'd' },
    ]);
    expect(() => findingsFromOutput('nothing here')).toThrow(/no findings list/);
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
