import { issuesOf, scenarioSchema, type Scenario } from './scenario';

// Imported scenarios are stored in their written form (times in minutes) and read back through
// the schema. Rows written before that was so hold milliseconds where minutes belong; they are
// read once more with the times converted, and a row that still fails is reported with the
// fields that fail, never dropped.

export interface StoredScenario {
  id: string;
  title: string;
  scenario: Scenario | null;
  errors: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function msToMinutes(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value.injects)) return value;
  const min = (v: unknown) => (typeof v === 'number' ? v / 60_000 : v);
  return {
    ...value,
    injects: value.injects.map((i: unknown) => {
      if (!isObject(i)) return i;
      const out: Json = { ...i };
      if ('at' in i) out.at = min(i.at);
      if ('delay' in i) out.delay = min(i.delay);
      if (Array.isArray(i.expect)) out.expect = i.expect.map((e: unknown) => (isObject(e) ? { ...e, deadline: min(e.deadline) } : e));
      return out;
    }),
  };
}

export function readStoredScenario(id: string, json: string): StoredScenario {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { id, title: id, scenario: null, errors: ['the stored scenario is not valid JSON'] };
  }
  const title = isObject(value) && typeof value.title === 'string' && value.title.trim() !== '' ? value.title.slice(0, 200) : id;
  const first = scenarioSchema.safeParse(value);
  if (first.success) return { id, title, scenario: first.data, errors: [] };
  const legacy = scenarioSchema.safeParse(msToMinutes(value));
  if (legacy.success) return { id, title, scenario: legacy.data, errors: [] };
  return { id, title, scenario: null, errors: issuesOf(first.error) };
}
