import { z } from 'zod';
import type { EventView } from '../events/read-models';
import type { Playbook, Template } from '../playbook/model';
import { slugify } from '../playbook/slug';

// Who gets told. Four audiences every incident has (the ones incident-management practice
// names: the responders' own channel, leadership, customers, the regulator), plus any the team
// adds on the spot. The playbook's communication templates are matched to them by their "To:"
// line or name, so each audience offers its own templates first.

export const audienceKinds = ['internal', 'executive', 'customers', 'regulator', 'other'] as const;
export const audienceKindSchema = z.enum(audienceKinds);
export type AudienceKind = z.infer<typeof audienceKindSchema>;

export interface Audience {
  /** "internal", "executive", "customers", "regulator", or "added-<slug>" for one added on the spot. */
  key: string;
  name: string;
  kind: AudienceKind;
  /** Who the playbook's templates address for this audience, as written ("#incident channel"). */
  recipients: string[];
  /** Keys of the playbook's communication templates meant for this audience. */
  templateKeys: string[];
}

const standard: ReadonlyArray<Pick<Audience, 'key' | 'name' | 'kind'>> = [
  { key: 'internal', name: 'Internal responders', kind: 'internal' },
  { key: 'executive', name: 'Executives', kind: 'executive' },
  { key: 'customers', name: 'Customers', kind: 'customers' },
  { key: 'regulator', name: 'Regulator', kind: 'regulator' },
];

export const audienceKindLabels: Record<AudienceKind, string> = {
  internal: 'Internal',
  executive: 'Executive',
  customers: 'Customers',
  regulator: 'Regulator',
  other: 'Other',
};

const rules: ReadonlyArray<[AudienceKind, RegExp]> = [
  ['regulator', /\b(regulat\w*|supervisory|authority|authorities|ico|csirt|cert|dpa|data protection authority|ncsc)\b/i],
  ['customers', /\b(customers?|clients?|users?|public|status ?page|subscribers?|veterans|citizens|external)\b/i],
  ['executive', /\b(exec\w*|leadership|management|board|c-?suite|cto|ceo|ciso|cio|vp|director\w*|senior stakeholders?)\b/i],
  ['internal', /\b(team\w*|engineer\w*|channel|slack|on-?call|responders?|internal|security|ops|staff|#[\w-]+|thread|bridge)\b/i],
];

/** The kind of audience a "To:" line or a template's name speaks to; null when it says nothing we know. */
export function classifyAudience(text: string): AudienceKind | null {
  // The first audience a "To:" line names is the one it is for: "#incident channel, engineering
  // leadership" is the responders' channel, copied to leadership.
  let best: { kind: AudienceKind; at: number } | null = null;
  for (const [kind, re] of rules) {
    const at = text.search(re);
    if (at >= 0 && (best === null || at < best.at)) best = { kind, at };
  }
  return best?.kind ?? null;
}

const explicitName = /\b(internal|customers?|executives?|regulators?|status page)\b/i;

/** A communication template's audience: its "To:" line first, then its name, then its first lines. */
export function templateAudience(template: Template): AudienceKind {
  const named = explicitName.exec(template.name)?.[0];
  return (
    (named ? classifyAudience(named) : null) ??
    (template.audience ? classifyAudience(template.audience) : null) ??
    classifyAudience(template.name) ??
    classifyAudience(template.body.split('\n').slice(0, 3).join(' ')) ??
    'internal'
  );
}

export const communicationTemplates = (playbook: Playbook | null): Template[] => (playbook?.templates ?? []).filter((t) => t.kind === 'communication');

/** The key an audience added on the spot gets: derived from its name, so the main process can check it. */
export const addedAudienceKey = (name: string): string => `added-${slugify(name, 'audience').slice(0, 60)}`;

/**
 * The incident's audiences: the four standard ones (with the playbook's templates and recipients
 * matched to them), then those added on the spot, as the log records them (an update sent to an
 * added audience keeps it) plus `extra` (added in this session, nothing sent yet).
 */
export function audiencesFor(playbook: Playbook | null, events: readonly EventView[] = [], extra: readonly Pick<Audience, 'name' | 'kind'>[] = []): Audience[] {
  const templates = communicationTemplates(playbook);
  const out: Audience[] = standard.map((a) => {
    const mine = templates.filter((t) => templateAudience(t) === a.kind);
    const recipients = [...new Set(mine.flatMap((t) => (t.audience ? [t.audience] : [])))];
    return { ...a, recipients, templateKeys: mine.map((t) => t.key) };
  });
  const add = (name: string, kind: AudienceKind) => {
    const key = addedAudienceKey(name);
    if (!out.some((a) => a.key === key)) out.push({ key, name, kind, recipients: [], templateKeys: templates.filter((t) => templateAudience(t) === kind).map((t) => t.key) });
  };
  for (const e of events) {
    if (e.kind !== 'comms_update_sent' || e.effectivePayload === null || !e.effectivePayload.audience.startsWith('added-')) continue;
    add(e.effectivePayload.audienceName, e.effectivePayload.audienceKind);
  }
  for (const a of extra) add(a.name, a.kind);
  return out;
}
