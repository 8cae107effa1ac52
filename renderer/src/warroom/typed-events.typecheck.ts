import type { MethodOutput } from '../../../shared/ipc/contract';

// A compile-time test, checked by `tsc -p renderer/tsconfig.json` (never bundled: nothing
// imports it). It reads events and state the way the war room does, straight from the
// contract's output types. Each `@ts-expect-error` marks a field name the type must refuse; if
// a payload field is renamed in shared/events/payloads.ts (say a note's `text` to `body`), the
// correct reads below stop compiling and the wrong one becomes legal, so its directive is
// reported as unused: the type-check fails either way.

type Opened = MethodOutput<'incidentGet'>;

export function notesShown(opened: Opened): string[] {
  return opened.events.flatMap((e) => {
    if (e.kind !== 'note' || e.effectivePayload === null) return [];
    // @ts-expect-error a note's words are `text`
    const misnamed: unknown = e.effectivePayload.body;
    void misnamed;
    return [e.effectivePayload.text];
  });
}

export function severityCalls(opened: Opened): { severity: string; row: string | null }[] {
  return opened.events.flatMap((e) => {
    if (e.kind !== 'severity_changed' || e.effectivePayload === null) return [];
    // @ts-expect-error the level is `severity`, not `level`
    void e.effectivePayload.level;
    return [{ severity: e.effectivePayload.severity, row: e.effectivePayload.cell?.row ?? null }];
  });
}

export function header(opened: Opened): string {
  // @ts-expect-error the state names it `severity`
  void opened.state.sev;
  return `${opened.state.title} ${opened.state.severity ?? ''} ${opened.state.roles.commander?.person ?? ''}`;
}

export function sentTo(sent: MethodOutput<'commsUpdateSend'>): string {
  if (sent.kind !== 'comms_update_sent') return '';
  // @ts-expect-error the audience's name is `audienceName`
  void sent.payload.audience_name;
  return sent.payload.audienceName;
}
