import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importMarkdownScenario } from './import-markdown';
import type { Scenario } from './scenario';

// The tabletop corpus against hand-made expectations (fixtures/expected/<name>.json): what a
// facilitator reading each document would say its scenarios and injects are. Scored field by
// field; every timed inject must be at its time exactly.

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(here, '../playbook/fixtures/corpus/tabletops');
const expectedDir = resolve(here, 'fixtures/expected');

interface ExpectedInject {
  /** Minutes from T+0; null for an inject the document does not time. */
  at: number | null;
  title: string;
  text?: string;
  questions?: number;
  expected?: number;
}
interface ExpectedScenario {
  title: string;
  summary: string;
  roles: string[];
  injects: ExpectedInject[];
}

const names = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort();

function score(got: Scenario[], want: ExpectedScenario[]): { hits: number; fields: number; misses: string[] } {
  let hits = 0;
  let fields = 0;
  const misses: string[] = [];
  const check = (ok: boolean, what: string) => {
    fields++;
    if (ok) hits++;
    else misses.push(what);
  };
  const has = (a: string, b: string) => a.toLowerCase().includes(b.toLowerCase());
  check(got.length === want.length, `scenario count ${got.length} != ${want.length}`);
  want.forEach((w, si) => {
    const g = got[si];
    check(g?.title === w.title, `title "${g?.title}"`);
    if (w.summary !== '') check(g !== undefined && g.summary.startsWith(w.summary), `summary "${g?.summary.slice(0, 40)}"`);
    for (const r of w.roles) check(g?.roles.some((x) => has(x, r)) ?? false, `role ${r}`);
    check(g?.injects.length === w.injects.length, `inject count ${g?.injects.length} != ${w.injects.length}`);
    w.injects.forEach((wi, ii) => {
      const gi = g?.injects[ii];
      if (wi.at !== null) check(gi?.at === wi.at * 60_000, `inject ${ii} at ${(gi?.at ?? -1) / 60_000} != ${wi.at}`);
      if (wi.title !== '') check(gi !== undefined && has(gi.title, wi.title), `inject ${ii} title "${gi?.title}"`);
      if (wi.text) check(gi !== undefined && has(gi.text, wi.text), `inject ${ii} text`);
      if (wi.questions) check((gi?.questions.length ?? 0) >= wi.questions, `inject ${ii} questions ${gi?.questions.length}`);
      if (wi.expected) check((gi?.expectedActions.length ?? 0) + (gi?.expect.length ?? 0) >= wi.expected, `inject ${ii} expected ${gi?.expectedActions.length}`);
    });
  });
  return { hits, fields, misses };
}

describe('the tabletop corpus', () => {
  const scores: Record<string, number> = {};

  for (const name of names) {
    it(`imports ${name} as a facilitator would read it`, () => {
      const want = (JSON.parse(readFileSync(resolve(expectedDir, `${name}.json`), 'utf8')) as { scenarios: ExpectedScenario[] }).scenarios;
      const r = importMarkdownScenario(readFileSync(resolve(corpusDir, `${name}.md`), 'utf8'));
      expect(r.errors).toEqual([]);
      const s = score(r.scenarios, want);
      scores[name] = s.hits / s.fields;
      console.log(`tabletop ${name}: ${(s.hits / s.fields).toFixed(2)} (${s.hits}/${s.fields})${s.misses.length ? ` missed: ${s.misses.slice(0, 6).join('; ')}` : ''}`);
      // Every timed inject at its time, exactly.
      const timed = want.flatMap((w, si) => w.injects.map((i, ii) => ({ si, ii, at: i.at })).filter((x) => x.at !== null));
      expect(timed.map((x) => (r.scenarios[x.si]?.injects[x.ii]?.at ?? -1) / 60_000)).toEqual(timed.map((x) => x.at));
      expect(s.hits / s.fields).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('has an expectation for every corpus document', () => {
    expect(readdirSync(expectedDir).map((f) => f.replace(/\.json$/, '')).sort()).toEqual(names);
  });
});
