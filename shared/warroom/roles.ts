import type { Role } from '../playbook/model';

// The roles the war-room shows: the three every incident has (commander, scribe,
// communications lead) plus the playbook's own. A playbook role that is one of the three
// ("Incident Commander", "IC", "Note taker", "Comms") merges into it, lending its duties, so
// the panel never lists "Commander" twice. Keys of the three are fixed: `commander` is what the
// `declared` event's commander is folded into.

export interface WarRole {
  key: string;
  name: string;
  duties: string[];
  /** One of the three every incident has. */
  core: boolean;
}

const CORE: ReadonlyArray<{ key: string; name: string; match: RegExp }> = [
  { key: 'commander', name: 'Incident Commander', match: /\b(commander|incident (lead|manager)|IC)\b/i },
  { key: 'scribe', name: 'Scribe', match: /\b(scribe|note[- ]?taker|recorder)\b/i },
  { key: 'communications', name: 'Communications Lead', match: /\b(communications?|comms)\b/i },
];

export function warRoles(playbookRoles: readonly Role[] = []): WarRole[] {
  const core: WarRole[] = CORE.map((c) => ({ key: c.key, name: c.name, duties: [], core: true }));
  const rest: WarRole[] = [];
  for (const r of playbookRoles) {
    const i = CORE.findIndex((c) => c.match.test(r.name) || c.key === r.key);
    const target = core[i];
    if (target && target.duties.length === 0) {
      target.name = r.name;
      target.duties = [...r.duties];
    } else rest.push({ key: r.key, name: r.name, duties: [...r.duties], core: false });
  }
  return [...core, ...rest];
}
