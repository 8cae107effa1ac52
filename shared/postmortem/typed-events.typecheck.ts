import { isLive } from '../events/views';
import type { PostmortemSource } from './source';

// A compile-time test, checked by `tsc -p shared/tsconfig.json` (nothing imports it). It reads
// the record the way the post-mortem's sections do (record-sections.ts, action-items.ts). Each
// `@ts-expect-error` marks a field name the type must refuse; renaming a payload field in
// shared/events/payloads.ts makes the correct reads fail and the directive unused, so the
// type-check fails either way.

export function runsRecorded(source: PostmortemSource): string[] {
  return source.events.flatMap((e) => {
    if (!isLive(e) || e.kind !== 'script_finished') return [];
    // @ts-expect-error the exit code is `exitCode`
    void e.effectivePayload.exit_code;
    return [`${e.effectivePayload.outcome} ${e.effectivePayload.exitCode ?? e.effectivePayload.signal ?? ''}`];
  });
}

export function actionItemTitles(source: PostmortemSource): string[] {
  return source.events.flatMap((e) => {
    if (!isLive(e) || e.kind !== 'action_item_created') return [];
    // @ts-expect-error an action item's owner is `owner`
    void e.effectivePayload.assignee;
    return [`${e.effectivePayload.title} (${e.effectivePayload.owner ?? 'no owner'})`];
  });
}

export function postmortemStatus(source: PostmortemSource): string {
  // @ts-expect-error the state's post-mortem status is `postmortem.status`
  void source.state.postmortem.state;
  return source.state.postmortem.status;
}
