import type { Audience } from '../../../shared/comms/audiences';
import { communicationTemplates } from '../../../shared/comms/audiences';
import { draftUpdate } from '../../../shared/comms/draft';
import type { Template } from '../../../shared/playbook/model';
import type { DraftState } from './comms-store';
import type { CommsModel } from './use-comms-model';

/**
 * The template an audience starts from: its own first, but not an "initial notification" once
 * it has heard from us, and a closing summary once the incident is resolved; else the built-in
 * structure (null).
 */
export function pickTemplate(audience: Audience, templates: readonly Template[], sentCount: number, resolved: boolean): Template | null {
  const mine = audience.templateKeys.map((k) => templates.find((t) => t.key === k)).filter((t): t is Template => t !== undefined);
  const closing = (t: Template) => /summary|resolved|closing|post-incident/i.test(t.name);
  const opening = (t: Template) => /declar|initial|detected|immediate/i.test(t.name);
  if (resolved) return mine.find(closing) ?? null;
  const open = mine.filter((t) => !closing(t));
  return (sentCount === 0 ? open[0] : open.find((t) => !opening(t))) ?? null;
}

/** A fresh draft for an audience, from a template (undefined = the one pickTemplate chooses) or the built-in structure (null). */
export function newDraft(model: CommsModel, audienceKey: string, templateKey: string | null | undefined, wallNow: number): DraftState | null {
  const audience = model.audiences.find((a) => a.key === audienceKey);
  if (!audience) return null;
  const templates = communicationTemplates(model.source.playbook);
  const sentCount = model.updates.filter((u) => u.audience === audienceKey).length;
  const resolved = model.source.state.status === 'resolved' || model.source.state.status === 'closed';
  const template = templateKey === undefined ? pickTemplate(audience, templates, sentCount, resolved) : (templates.find((t) => t.key === templateKey) ?? null);
  const clock = model.clocks.find((c) => c.audience.key === audienceKey);
  const minutes = clock?.cadence.minutes ?? null;
  const draft = draftUpdate({
    source: model.source,
    audience,
    template,
    last: model.last.get(audienceKey) ?? null,
    sentCount,
    nextUpdate: resolved ? null : model.nextUpdateLabel(minutes),
    now: wallNow,
  });
  return {
    audienceKey,
    templateKey: draft.templateKey,
    subject: draft.subject ?? '',
    text: draft.body,
    format: 'plain',
    channel: template?.audience ?? audience.recipients[0] ?? '',
    nextUpdate: minutes === null || resolved ? '' : String(minutes),
    dutyKey: clock?.duty?.duty.key ?? '',
  };
}
