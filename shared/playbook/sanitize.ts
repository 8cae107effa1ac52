import type { Playbook } from './model';

const orElse = (s: string, fallback: string): string => (s.trim() === '' ? fallback : s);

/**
 * Degenerate input (fuzzed, half-written) can leave a heading or cell empty. Rather than fail
 * validation, give such entities a neutral name and drop those with nothing to show.
 */
export function sanitizePlaybook(p: Playbook): Playbook {
  return {
    ...p,
    title: orElse(p.title, 'Imported playbook'),
    severities: p.severities.map((s) => ({ ...s, label: orElse(s.label, s.code || `Level ${s.rank}`), code: orElse(s.code, `L${s.rank}`) })),
    phases: p.phases.map((ph, i) => ({
      ...ph,
      name: orElse(ph.name, `Phase ${i + 1}`),
      items: ph.items.filter((it) => it.text.trim() !== ''),
    })),
    roles: p.roles.filter((r) => r.name.trim() !== ''),
    contacts: p.contacts.filter((c) => c.name.trim() !== ''),
    templates: p.templates.map((t, i) => ({ ...t, name: orElse(t.name, `Template ${i + 1}`) })),
    scenarios: p.scenarios.map((s, i) => ({ ...s, name: orElse(s.name, `Scenario ${i + 1}`) })),
    actions: p.actions
      .filter((a) => a.command.trim() !== '')
      .map((a, i) => ({ ...a, name: orElse(a.name, `Command ${i + 1}`), params: a.params.filter((x) => x.name !== '' && x.placeholder !== '') })),
    compliance: p.compliance.filter((c) => c.framework.trim() !== ''),
  };
}
