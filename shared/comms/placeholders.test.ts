import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlaybook } from '../playbook';
import type { Playbook, Template } from '../playbook/model';
import { audiencesFor, communicationTemplates, templateAudience } from './audiences';
import { draftUpdate } from './draft';
import { fillPlaceholders, findPlaceholders } from './placeholders';
import { internalDetails } from './public-text';
import { sourceFrom } from '../postmortem/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '../playbook/fixtures');
const read = (path: string) => readFileSync(path, 'utf8');
const real = readdirSync(resolve(fixtures, 'real')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => resolve(fixtures, 'real', f));
const corpus = readdirSync(resolve(fixtures, 'corpus/playbooks')).filter((f) => f.endsWith('.md')).map((f) => resolve(fixtures, 'corpus/playbooks', f));
const ours = resolve(here, '../../resources/playbooks/default.md');
const load = (path: string): Playbook => importPlaybook(read(path)).playbook;

const now = Date.parse('2026-12-01T09:40:00Z');
/** A P1-ish incident: impact before declaration, a commander, a key note, a host and a user on the record. */
function record(playbook: Playbook, title = 'Checkout errors on db-prod-3') {
  const level = playbook.severities[0];
  return sourceFrom([
    { at: '2026-12-01T09:10:00Z', body: { kind: 'declared', payload: { title, kind: 'real', ...(level ? { severity: level.key } : {}), commander: 'Dana Reyes' } } },
    { at: '2026-12-01T09:02:00.000Z', body: { kind: 'note', payload: { text: 'Deploy 2026.12.1 on web-01' } } },
    { at: '2026-12-01T09:20:00Z', body: { kind: 'note', payload: { text: 'Error rate at 40% for user jdoe from 10.0.4.7', key: true } } },
  ], playbook);
}

/** The template's own words (everything outside placeholders) appear in the draft, in order. */
function keepsWording(template: string, draft: string): boolean {
  let at = 0;
  let from = 0;
  for (const p of findPlaceholders(template)) {
    const literal = template.slice(at, p.start);
    const found = draft.indexOf(literal, from);
    if (found < 0) return false;
    from = found + literal.length;
    at = p.end;
  }
  return draft.indexOf(template.slice(at), from) >= 0;
}

describe('finding placeholders', () => {
  it('reads the four styles and nothing else', () => {
    const text = 'Hi [NAME], {{ service_name }} is <SERVICE NAME> [Insert impact]. See [docs](https://x) and [ref][1]. - [ ] todo <br> <b>x</b> {{ $value }} [3]';
    expect(findPlaceholders(text).map((p) => p.inner)).toEqual(['NAME', 'service_name', 'SERVICE NAME', 'Insert impact']);
  });

  it('fills only what it is given and reports the rest with positions in the result', () => {
    const r = fillPlaceholders('A [WHO] and {{y}} and <Z_Z>', (p) => (p.inner === 'WHO' ? 'filled value' : null));
    expect(r.text).toBe('A filled value and {{y}} and <Z_Z>');
    expect(r.missing.map((m) => [m.raw, r.text.slice(m.start, m.end)])).toEqual([
      ['{{y}}', '{{y}}'],
      ['<Z_Z>', '<Z_Z>'],
    ]);
  });
});

describe('filling the templates of the real playbooks, the corpus and ours', () => {
  const all = [...real, ...corpus, ours].map((path) => ({ path, playbook: load(path) })).filter((x) => communicationTemplates(x.playbook).length > 0);

  it('finds communication templates in the memory-service procedures, the VA triage playbook and ours', () => {
    expect(all.map((x) => x.path.split('/').pop())).toEqual(['memory-service-procedures.md', 'va-health-triage-playbook.md', 'default.md']);
  });

  for (const path of [...real, ...corpus, ours]) {
    const playbook = load(path);
    for (const template of communicationTemplates(playbook)) {
      it(`${path.split('/').pop()}: “${template.name}” keeps its wording and leaves only what the record cannot know`, () => {
        const source = record(playbook);
        const audience = audiencesFor(playbook).find((a) => a.kind === templateAudience(template));
        if (!audience) throw new Error('every template has an audience');
        const draft = draftUpdate({ source, audience, template, last: null, sentCount: 0, nextUpdate: '2026-12-01 10:10 UTC', now });
        expect(keepsWording(template.body, draft.body)).toBe(true);
        // Every placeholder left is reported, and every one reported is still in the text.
        expect(draft.missing.map((m) => m.raw).sort()).toEqual(findPlaceholders(draft.body).map((p) => p.raw).sort());
        expect(findPlaceholders(draft.body).length).toBeLessThan(findPlaceholders(template.body).length);
      });
    }
  }

  it('memory-service: the initial notification and the stakeholder update, field by field', () => {
    const playbook = load(resolve(fixtures, 'real/memory-service-procedures.md'));
    const source = record(playbook);
    const [internal, executive] = audiencesFor(playbook);
    const byName = (name: string) => playbook.templates.find((t) => t.name === name) as Template;
    const initial = draftUpdate({ source, audience: internal!, template: byName('Initial Incident Notification'), last: null, sentCount: 0, nextUpdate: null, now });
    expect(initial.subject).toBe('🔴 URGENT: P0 Incident Detected - Checkout errors on db-prod-3');
    expect(initial.body).toContain('Severity: P0\n');
    expect(initial.body).toContain('Detected: 2026-12-01 09:10 UTC');
    expect(initial.body).toContain('Reporter: Ana Lima');
    expect(initial.missing.map((m) => m.raw)).toEqual(['[Description of impact]', '[Systems/users affected]', '[Containment actions in progress]', '[Phone/Slack]']);
    const update = draftUpdate({ source, audience: executive!, template: byName('Stakeholder Update'), last: null, sentCount: 0, nextUpdate: null, now });
    expect(update.subject).toBe(`📢 Incident Update: ${source.incident.id} - Active`);
    expect(update.body).toContain('Status: Active\n');
    expect(update.body).toContain('Started: 2026-12-01 09:02 UTC');
    expect(update.body).toContain('Duration: 38m');
    expect(update.body).toContain('Current Status:\n- Error rate at 40% for user jdoe from 10.0.4.7\n');
    expect(update.body).toContain('Contact:\nDana Reyes\n');
  });

  it('ours: the customer update gets no internal detail, even where the template asks for the title', () => {
    const playbook = load(ours);
    const source = record(playbook);
    const customers = audiencesFor(playbook).find((a) => a.kind === 'customers')!;
    const template = playbook.templates.find((t) => t.name === 'Customer Status Update')!;
    const draft = draftUpdate({ source, audience: customers, template, last: null, sentCount: 0, nextUpdate: '2026-12-01 10:10 UTC', now });
    expect(draft.subject).toBe('Service incident update: [TITLE]');
    expect(draft.body).toBe(
      [
        'We are investigating an issue affecting [SERVICE] since 2026-12-01 09:02 UTC.',
        'Current status: INVESTIGATING',
        'What you may notice: [CUSTOMER IMPACT]',
        'We will share the next update by 2026-12-01 10:10 UTC.',
      ].join('\n'),
    );
    // A title with nothing internal in it is used.
    const plain = draftUpdate({ source: record(playbook, 'Payments delayed'), audience: customers, template, last: null, sentCount: 0, nextUpdate: null, now });
    expect(plain.subject).toBe('Service incident update: Payments delayed');
  });

  it('ours: the internal declaration fills severity, title, commander and the next update', () => {
    const playbook = load(ours);
    const internal = audiencesFor(playbook).find((a) => a.key === 'internal')!;
    expect(internal.templateKeys).toEqual(['internal-incident-declaration']);
    const template = playbook.templates.find((t) => t.key === 'internal-incident-declaration')!;
    const draft = draftUpdate({ source: record(playbook), audience: internal, template, last: null, sentCount: 0, nextUpdate: '2026-12-01 10:10 UTC', now });
    expect(draft.subject).toBe('SEV1 (Critical) Incident declared: Checkout errors on db-prod-3');
    expect(draft.body).toContain('Incident Commander: Dana Reyes\n');
    expect(draft.body).toContain('Next update: 2026-12-01 10:10 UTC');
    expect(draft.missing.map((m) => m.raw)).toEqual(['[WHO AND WHAT IS AFFECTED]', '[CHANNEL]']);
  });

  it('VA triage: the Slack template for Sev 1 fills the issue and the start, leaves the impact', () => {
    const playbook = load(resolve(fixtures, 'corpus/playbooks/va-health-triage-playbook.md'));
    const template = communicationTemplates(playbook)[0]!;
    const internal = audiencesFor(playbook)[0]!;
    const draft = draftUpdate({ source: record(playbook), audience: internal, template, last: null, sentCount: 0, nextUpdate: null, now });
    expect(draft.body).toContain('ISSUE: Checkout errors on db-prod-3\n');
    expect(draft.body).toContain('STARTED: 2026-12-01 09:02 UTC\n');
    expect(draft.missing.map((m) => m.raw)).toEqual(['[X%]', '[specific functionality broken]', '[List affected systems]']);
  });

  it('fills {{x}}, <X> and [Insert x] the same way as [X]', () => {
    const playbook = load(ours);
    const template: Template = { key: 't', name: 'Status page', kind: 'communication', audience: null, subject: '{{title}} ({{ severity }})', body: 'Status: <STATUS>\nSince [Insert start time].\nNext update: {{next_update}}\nOwner: <service owner>' };
    const internal = audiencesFor(playbook)[0]!;
    const draft = draftUpdate({ source: record(playbook), audience: internal, template, last: null, sentCount: 0, nextUpdate: '10:10 UTC', now });
    expect(draft.subject).toBe('Checkout errors on db-prod-3 (SEV1 (Critical))');
    expect(draft.body).toBe('Status: Active\nSince 2026-12-01 09:02 UTC.\nNext update: 10:10 UTC\nOwner: <service owner>');
    expect(draft.missing.map((m) => m.raw)).toEqual(['<service owner>']);
  });
});

describe('the built-in structures', () => {
  const playbook = load(ours);
  const audiences = audiencesFor(playbook);
  const source = record(playbook);
  const draftFor = (key: string, last: Parameters<typeof draftUpdate>[0]['last'] = null) =>
    draftUpdate({ source, audience: audiences.find((a) => a.key === key)!, template: null, last, sentCount: last ? 1 : 0, nextUpdate: '2026-12-01 10:10 UTC', now });

  it('internal: conditions, actions, needs, and the changes since the last update only', () => {
    const first = draftFor('internal');
    expect(first.body).toMatch(/Conditions \(since the incident was declared\):\n- Error rate at 40%/);
    expect(first.body).toContain('\nActions:\n');
    expect(first.body).toContain('\nNeeds:\n');
    expect(first.body).toContain('Next update by 2026-12-01 10:10 UTC.');
    const later = draftFor('internal', { eventId: 'x', audience: 'internal', audienceName: 'Internal', audienceKind: 'internal', at: '2026-12-01T09:25:00Z', actor: 'Dana', subject: null, text: 'x', format: 'plain', channel: null, nextUpdateMinutes: 30, severity: null, dutyKey: null, exerciseMs: null });
    expect(later.body).not.toContain('Error rate');
    expect(later.body).toContain('Conditions (since the last update (2026-12-01 09:25 UTC)):\n- No change recorded.');
  });

  it('customers: plain language, nothing internal, even with a host, a user and an address on the record', () => {
    const draft = draftFor('customers');
    expect(internalDetails(`${draft.subject ?? ''}\n${draft.body}`, source)).toEqual([]);
    expect(draft.body).not.toMatch(/Dana|Ana Lima|db-prod|jdoe|10\.0\.4\.7|SEV1/);
    expect(draft.body).toMatch(/^We are investigating an issue affecting \[the service, in customers' words\] since 2026-12-01 09:02 UTC\./);
  });

  it('knows what a customer notice must not say', () => {
    expect(internalDetails('Host db-prod-3 at 10.0.4.7 (jdoe@corp.example), see /var/log/auth.log; api.internal is down; Ana Lima is on it', source)).toEqual([
      '10.0.4.7',
      'jdoe@corp.example',
      'api.internal',
      'db-prod-3',
      '/var/log/auth.log',
      'Ana Lima',
    ]);
  });

  it('regulator: the duties with their deadlines once personal data is flagged', () => {
    const flagged = sourceFrom([
      ...source.events.map((e) => ({ at: e.occurredAt, actor: e.actor, body: { kind: e.kind, payload: e.payload } as never })),
      { at: '2026-12-01T09:30:00Z', body: { kind: 'personal_data_flagged', payload: { involved: true } } },
    ], playbook);
    const draft = draftUpdate({ source: flagged, audience: audiences.find((a) => a.kind === 'regulator')!, template: null, last: null, sentCount: 0, nextUpdate: null, now });
    expect(draft.body).toContain('Became aware of the breach: 2026-12-01 09:30 UTC');
    expect(draft.body).toContain('- GDPR Art. 33: Within 72 hours, due 2026-12-04 09:30 UTC');
  });
});
