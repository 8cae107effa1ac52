import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlaybook, suggestLevel } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const md = readFileSync(resolve(here, '../../resources/playbooks/default.md'), 'utf8');

describe('our default playbook', () => {
  const r = importPlaybook(md, { sourceName: 'default.md' });
  const p = r.playbook;

  it('imports with nothing left unparsed', () => {
    expect(r.unparsed).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('has SEV1..SEV4 with response and resolution SLAs', () => {
    expect(p.severities.map((s) => [s.key, s.rank, s.name, s.responseSla?.minutes, s.resolutionSla?.minutes])).toEqual([
      ['sev1', 1, 'Critical', 15, 240],
      ['sev2', 2, 'High', 30, 1440],
      ['sev3', 3, 'Medium', 240, 4320],
      ['sev4', 4, 'Low', 1440, null],
    ]);
  });

  it('maps the impact x urgency matrix to levels', () => {
    const m = p.matrix;
    expect(m?.kind).toBe('grid');
    if (m?.kind !== 'grid') return;
    expect(m.cells).toHaveLength(9);
    expect(suggestLevel(m, p.severities, { row: 'Significant', column: 'Medium' })).toBe('sev2');
    expect(suggestLevel(m, p.severities, { row: 'Minor', column: 'Low' })).toBe('sev4');
  });

  it('has the NIST phases with checklist items and linked actions', () => {
    expect(p.phases.map((x) => x.key)).toEqual(['preparation', 'detection-and-analysis', 'containment', 'eradication', 'recovery', 'post-incident-activity']);
    expect(p.phases.every((x) => x.items.length >= 4 && x.goal !== '')).toBe(true);
    const containment = p.phases.find((x) => x.key === 'containment');
    expect(containment?.items.filter((i) => i.actionKey !== null)).toHaveLength(2);
    expect(p.actions.find((a) => a.params.some((x) => x.name === 'ATTACKER_IP'))?.params[0]?.kind).toBe('ip');
  });

  it('has the four roles, templates of both kinds and the GDPR 72-hour duty', () => {
    expect(p.roles.map((x) => x.name)).toEqual(['Incident Commander', 'Scribe', 'Communications Lead', 'Technical Lead']);
    expect(p.templates.map((t) => t.kind)).toEqual(['communication', 'communication', 'report']);
    expect(p.compliance[0]).toMatchObject({ framework: 'GDPR', control: 'Art. 33', deadline: { minutes: 72 * 60 } });
  });
});
