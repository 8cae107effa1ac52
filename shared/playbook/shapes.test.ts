import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { project } from './fixtures/project';
import { importPlaybook } from './index';

// Playbook shapes seen in the wild but not among the five: each has a hand-checked expectation.
const here = dirname(fileURLToPath(import.meta.url));
const read = (f: string): string => readFileSync(resolve(here, 'fixtures', f), 'utf8');
const expected = (name: string): unknown => JSON.parse(read(`expected/${name}.json`));

describe('other playbook shapes', () => {
  for (const name of ['html-table-severities', 'headings-only-levels', 'one-command-runbook', 'pagerduty-style', 'big-checklist']) {
    it(`imports ${name}`, () => {
      expect(project(importPlaybook(read(`${name}.md`)))).toEqual(expected(name));
    });
  }

  it('reads an HTML severity table with its SLAs and who to page', () => {
    const [s1] = importPlaybook(read('html-table-severities.md')).playbook.severities;
    expect(s1).toMatchObject({ key: 's1', rank: 1, responseSla: { text: '5 min', minutes: 5 }, notify: ['Primary on-call', 'EM'] });
  });

  it('turns a one-command runbook into one action', () => {
    const r = importPlaybook(read('one-command-runbook.md'));
    expect(r.playbook.actions).toHaveLength(1);
    expect(r.playbook.actions[0]?.params.map((p) => p.placeholder)).toEqual(['${USER_NAME}', '${ACCESS_KEY_ID}']);
    expect(r.unparsed).toEqual([]);
  });

  it('keeps every checkbox of a big checklist, nested ones included', () => {
    const r = importPlaybook(read('big-checklist.md'));
    expect(r.playbook.phases).toHaveLength(6);
    expect(r.playbook.phases.every((p) => p.items.length === 44)).toBe(true);
    expect(r.unparsed).toEqual([]);
  });

  it('maps a bold-bullet scheme, a numbered-label phase list and an impact x urgency grid', () => {
    const md = [
      '# Plan',
      '',
      '## Severity',
      '- **Sev 1 - Critical**: outage. Response within 15 minutes, resolution within 4 hours.',
      '- **Sev 2 - Major**: degraded.',
      '- **Sev 3 - Minor**: cosmetic.',
      '',
      '## Matrix',
      '',
      '| Impact / Urgency | High | Low |',
      '|---|---|---|',
      '| High | Sev 1 | Sev 2 |',
      '| Low | Sev 2 | Sev 3 |',
      '',
      '## Response process',
      '',
      '1. **Detection**',
      '   - Triage the alert',
      '2. **Containment**',
      '   - Isolate the host',
      '3. **Recovery**',
      '   - Restore from backup',
    ].join('\n');
    const p = importPlaybook(md).playbook;
    expect(p.severities.map((s) => [s.key, s.rank])).toEqual([['sev-1', 1], ['sev-2', 2], ['sev-3', 3]]);
    expect(p.severities[0]?.responseSla?.minutes).toBe(15);
    expect(p.severities[0]?.resolutionSla?.minutes).toBe(240);
    expect(p.matrix).toMatchObject({ kind: 'grid', rowAxis: 'Impact', columnAxis: 'Urgency' });
    expect(p.phases.map((x) => [x.name, x.items.map((i) => i.text)])).toEqual([
      ['Detection', ['Triage the alert']],
      ['Containment', ['Isolate the host']],
      ['Recovery', ['Restore from backup']],
    ]);
  });
});
