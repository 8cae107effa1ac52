import type { MarkdownImport } from './import-markdown';
import type { ExpectedAction } from './scenario';

/** The stable JSON shape `cordon exercise parse` prints; fields may be added, never renamed. */
export interface CliExerciseJson {
  scenarios: {
    id: string;
    title: string;
    summary: string;
    roles: string[];
    injects: {
      id: string;
      title: string;
      /** Minutes from T+0, for an inject with a time. */
      atMinutes?: number;
      /** Another inject's id or an event kind, for an inject that follows something. */
      after?: string;
      delayMinutes?: number;
      text: string;
      audience: string;
      questions: string[];
      expectedActions: string[];
      expect: { action: ExpectedAction; deadlineMinutes: number }[];
      notes: string[];
    }[];
  }[];
  errors: string[];
  unparsed: { line: number; text: string }[];
}

export function toExerciseCliJson(r: MarkdownImport): CliExerciseJson {
  return {
    scenarios: r.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      roles: s.roles,
      injects: s.injects.map((i) => ({
        id: i.id,
        title: i.title,
        ...(i.at !== undefined ? { atMinutes: i.at / 60_000 } : {}),
        ...(i.after !== undefined ? { after: i.after, delayMinutes: (i.delay ?? 0) / 60_000 } : {}),
        text: i.text,
        audience: i.audience,
        questions: i.questions,
        expectedActions: i.expectedActions,
        expect: i.expect.map((e) => ({ action: e.action, deadlineMinutes: e.deadline / 60_000 })),
        notes: i.notes,
      })),
    })),
    errors: r.errors,
    unparsed: r.unparsed,
  };
}
