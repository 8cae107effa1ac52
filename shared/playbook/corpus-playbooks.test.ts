import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeId } from './level-code';
import { importPlaybook } from './importer';
import type { Playbook } from './model';

// The playbook corpus (public documents of many shapes, fixtures/corpus/playbooks) against
// hand-made expectations (fixtures/corpus-expected): the severity levels with their response
// and resolution times, the phases with at least so many checklist items, the roles and the
// number of actions a careful incident commander finds in each. Scored field by field, as the
// issue scores held-out documents; the per-document scores are printed.

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, 'fixtures/corpus/playbooks');
const expectedDir = resolve(here, 'fixtures/corpus-expected');

interface Expected {
  severities: { code: string; response?: number; resolution?: number }[];
  phases: { name: string; items?: number }[];
  roles: string[];
  actions: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const like = (got: string, want: string) => norm(got).includes(norm(want)) || norm(want).includes(norm(got));

export function scorePlaybook(p: Playbook, want: Expected): { hits: number; fields: number; misses: string[] } {
  let hits = 0;
  let fields = 0;
  const misses: string[] = [];
  const check = (ok: boolean, what: string) => {
    fields++;
    if (ok) hits++;
    else misses.push(what);
  };
  // Severity scheme: each level once, with its times; nothing extra.
  for (const w of want.severities) {
    const g = p.severities.find((s) => codeId(s.code) === codeId(w.code) || like(s.label, w.code));
    check(g !== undefined, `level ${w.code}`);
    if (w.response !== undefined) check(g?.responseSla?.minutes === w.response, `level ${w.code} response ${g?.responseSla?.minutes}`);
    if (w.resolution !== undefined) check(g?.resolutionSla?.minutes === w.resolution, `level ${w.code} resolution ${g?.resolutionSla?.minutes}`);
  }
  check(p.severities.length === want.severities.length, `${p.severities.length} levels for ${want.severities.length}`);
  // Phases in any order, each with at least its items; no more than one extra phase in five.
  for (const w of want.phases) {
    const g = p.phases.find((ph) => like(ph.name, w.name));
    check(g !== undefined, `phase ${w.name}`);
    if (w.items !== undefined) check((g?.items.length ?? 0) >= w.items, `phase ${w.name} items ${g?.items.length}`);
  }
  const matched = p.phases.filter((ph) => want.phases.some((w) => like(ph.name, w.name))).length;
  check(want.phases.length === 0 ? p.phases.length === 0 : matched * 5 >= p.phases.length * 4, `${p.phases.length - matched} extra phases`);
  // Roles: each found; no more than one extra in five.
  for (const r of want.roles) check(p.roles.some((x) => like(x.name, r)), `role ${r}`);
  const rolesMatched = p.roles.filter((x) => want.roles.some((r) => like(x.name, r))).length;
  check(want.roles.length === 0 ? p.roles.length === 0 : rolesMatched * 5 >= p.roles.length * 4, `${p.roles.length - rolesMatched} extra roles`);
  check(p.actions.length === want.actions, `${p.actions.length} actions for ${want.actions}`);
  return { hits, fields, misses };
}

const names = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort();

describe('the playbook corpus', () => {
  const scores: number[] = [];
  for (const name of names) {
    it(`imports ${name}`, () => {
      const want = JSON.parse(readFileSync(resolve(expectedDir, `${name}.json`), 'utf8')) as Expected;
      const r = importPlaybook(readFileSync(resolve(corpusDir, `${name}.md`), 'utf8'), { sourceName: `${name}.md` });
      const s = scorePlaybook(r.playbook, want);
      scores.push(s.hits / s.fields);
      console.log(`playbook ${name}: ${(s.hits / s.fields).toFixed(2)} (${s.hits}/${s.fields})${s.misses.length > 0 ? ` missed: ${s.misses.join('; ')}` : ''}`);
      // Levels are never duplicated, and an admonition is never a role.
      expect(new Set(r.playbook.severities.map((l) => codeId(l.code))).size).toBe(r.playbook.severities.length);
      expect(r.playbook.roles.map((x) => x.name)).not.toContainEqual(expect.stringMatching(/^(important|note|warning|tip|caution|disclaimer)$/i));
      expect(s.hits / s.fields).toBeGreaterThanOrEqual(0.5);
    });
  }

  it('scores at least 0.85 on average', () => {
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    console.log(`playbook corpus average: ${mean.toFixed(3)} over ${scores.length} documents`);
    expect(scores).toHaveLength(names.length);
    expect(mean).toBeGreaterThanOrEqual(0.85);
  });

  it('has an expectation for every corpus document', () => {
    expect(readdirSync(expectedDir).map((f) => f.replace(/\.json$/, '')).sort()).toEqual(names);
  });
});
