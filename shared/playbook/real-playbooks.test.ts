import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { project } from './fixtures/project';
import { importPlaybook, toCliJson } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const playbooks = resolve(here, 'fixtures/real');
const expected = (name: string): unknown => JSON.parse(readFileSync(resolve(here, 'fixtures/expected', `${name}.json`), 'utf8'));
const load = (name: string): string => readFileSync(resolve(playbooks, `${name}.md`), 'utf8');

const NAMES = ['companyos-playbook', 'inopsio-sec-ir-001', 'mekong-security-runbook', 'mem0-governance-pack', 'memory-service-procedures'];

describe('the five real playbooks', () => {
  for (const name of NAMES) {
    it(`imports ${name} as hand-checked`, () => {
      const r = importPlaybook(load(name), { sourceName: `${name}.md` });
      expect(project(r)).toEqual(expected(name));
    });
  }

  it('reads SEV levels from a header line (companyos)', () => {
    const p = importPlaybook(load('companyos-playbook')).playbook;
    expect(p.severities.map((s) => s.key)).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
    expect(p.roles.map((r) => r.name)).toEqual(['Incident Commander (IC)', 'Tech Lead', 'Comms Lead']);
    expect(p.actions[0]?.params).toEqual([{ name: 'runtime-service-url', kind: 'url', placeholder: '<runtime-service-url>' }]);
  });

  it('splits "15 min / 4 hours" into response and resolution (mekong)', () => {
    const [critical, , , low] = importPlaybook(load('mekong-security-runbook')).playbook.severities;
    expect(critical?.responseSla).toEqual({ text: '15 min', minutes: 15 });
    expect(critical?.resolutionSla).toEqual({ text: '4 hours', minutes: 240 });
    expect(low?.resolutionSla).toEqual({ text: 'Next Sprint', minutes: null });
  });

  it('normalises U+202F and U+2011 and maps the lifecycle table (inopsio)', () => {
    const r = importPlaybook(load('inopsio-sec-ir-001'));
    expect(r.playbook.title).toBe('Inopsio Incident Response Playbook (SEC-IR-001)');
    expect(r.playbook.phases.map((p) => p.name)).toEqual(['Detection', 'Triage', 'Containment', 'Eradication', 'Recovery', 'Post-Incident Review']);
    expect(r.playbook.phases[0]?.owner).toBe('SOC / DevOps');
    expect(r.playbook.actions[0]?.params.map((p) => [p.name, p.kind])).toEqual([
      ['ALERT_ID', 'identifier'],
      ['node-name', 'hostname'],
      ['USER_ID', 'user'],
    ]);
    const cndp = r.playbook.compliance.find((c) => c.framework === 'CNDP');
    expect(cndp?.deadline).toEqual({ text: 'within 72 hours', minutes: 4320 });
  });

  it('repairs the mojibake and reads the indicator matrix (memory-service)', () => {
    const r = importPlaybook(load('memory-service-procedures'));
    const m = r.playbook.matrix;
    expect(m?.kind).toBe('indicators');
    if (m?.kind === 'indicators') expect(m.indicators.find((i) => i.key === 'active-attack')?.levels).toEqual(['p0', 'p1']);
    const report = r.playbook.templates.find((t) => t.kind === 'report');
    expect(report?.name).toBe('Incident Report Template');
    const notice = r.playbook.templates.find((t) => t.name === 'Initial Incident Notification');
    expect(notice?.subject).toBe('🔴 URGENT: [P0/P1/P2] Incident Detected - [Brief Description]');
    expect(r.playbook.severities[0]?.notify).toEqual(['Immediate executive notification', 'CTO', 'Legal', 'PR']);
    expect(JSON.stringify(r.playbook)).not.toMatch(/â”|Ã|âœ/);
  });

  it('keeps the CLI projection fields stable', () => {
    const json = toCliJson(importPlaybook(load('mem0-governance-pack')));
    expect(Object.keys(json.severities[0] ?? {})).toEqual(expect.arrayContaining(['key', 'label', 'rank', 'description', 'responseSla', 'resolutionSla']));
    expect(Object.keys(json.phases[0] ?? {})).toEqual(expect.arrayContaining(['key', 'name', 'items']));
    expect(json.unparsed).toEqual([
      { line: 120, text: 'Conduct tabletop exercises quarterly' },
      { line: 121, text: 'Review playbook annually or after major incidents' },
    ]);
  });
});
