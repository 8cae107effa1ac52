import { create } from 'zustand';
import type { AudienceKind } from '../../../shared/comms/audiences';
import type { CadenceOverride } from '../../../shared/comms/clock';
import type { MethodInput } from '../../../shared/ipc/contract';
import { cordon } from '../platform/cordon';

// The comms panel's working state for the open incident: the draft being edited, cadences the
// user changed and audiences added in this session. None of it is written anywhere until an
// update is marked sent (then the event keeps the audience and the promised cadence).

export interface DraftState {
  audienceKey: string;
  /** A communication template's key, or null for the built-in structure. */
  templateKey: string | null;
  subject: string;
  text: string;
  /** The form last copied or saved: what is logged as sent. */
  format: 'plain' | 'markdown';
  channel: string;
  /** Minutes to the next update, as typed ("" = none promised). */
  nextUpdate: string;
  dutyKey: string;
}

interface CommsState {
  incidentId: string | null;
  draft: DraftState | null;
  overrides: Map<string, CadenceOverride>;
  added: { name: string; kind: AudienceKind }[];
  /** Bumped by the palette, the shortcut and the header chip: the panel opens a draft (for this audience, or the most urgent) and focuses it. */
  draftRequest: { n: number; audienceKey: string | null };
  busy: boolean;
  error: string | null;
  notice: string | null;
  reset(incidentId: string): void;
  requestDraft(audienceKey?: string): void;
  setDraft(draft: DraftState | null): void;
  patchDraft(patch: Partial<DraftState>): void;
  setOverride(audienceKey: string, override: CadenceOverride): void;
  addAudience(name: string, kind: AudienceKind): void;
  setNotice(notice: string | null): void;
  /** Logs the draft as sent to its audience; true when written. */
  markSent(input: { newAudience?: { name: string; kind: AudienceKind } | undefined }): Promise<boolean>;
}

export const useComms = create<CommsState>((set, get) => ({
  incidentId: null,
  draft: null,
  overrides: new Map(),
  added: [],
  draftRequest: { n: 0, audienceKey: null },
  busy: false,
  error: null,
  notice: null,
  reset(incidentId) {
    if (get().incidentId !== incidentId) set({ incidentId, draft: null, overrides: new Map(), added: [], error: null, notice: null });
  },
  requestDraft: (audienceKey) => set((s) => ({ draftRequest: { n: s.draftRequest.n + 1, audienceKey: audienceKey ?? null } })),
  setDraft: (draft) => set({ draft, error: null }),
  patchDraft: (patch) => set((s) => (s.draft ? { draft: { ...s.draft, ...patch } } : {})),
  setOverride: (audienceKey, override) => set((s) => ({ overrides: new Map(s.overrides).set(audienceKey, override) })),
  addAudience: (name, kind) => set((s) => ({ added: [...s.added, { name, kind }] })),
  setNotice: (notice) => set({ notice }),
  async markSent({ newAudience }) {
    const { incidentId, draft } = get();
    if (!incidentId || !draft) return false;
    const minutes = draft.nextUpdate.trim() === '' ? undefined : Number(draft.nextUpdate);
    const input: MethodInput<'commsUpdateSend'> = {
      incidentId,
      ...(newAudience ? { newAudience } : { audience: draft.audienceKey }),
      text: draft.text,
      format: draft.format,
      ...(draft.subject.trim() ? { subject: draft.subject.trim().slice(0, 200) } : {}),
      ...(draft.channel.trim() ? { channel: draft.channel.trim().slice(0, 200) } : {}),
      ...(draft.templateKey ? { templateKey: draft.templateKey } : {}),
      ...(minutes !== undefined ? { nextUpdateMinutes: minutes } : {}),
      ...(draft.dutyKey ? { dutyKey: draft.dutyKey } : {}),
    };
    set({ busy: true });
    const result = await cordon().commsUpdateSend(input);
    if (!result.ok) {
      set({ busy: false, error: result.error.message });
      return false;
    }
    const overrides = new Map(get().overrides);
    overrides.delete(draft.audienceKey);
    const sent = result.value;
    const audience = sent.kind === 'comms_update_sent' ? sent.payload.audienceName : draft.audienceKey;
    set({ busy: false, error: null, draft: null, overrides, notice: `Logged as sent to ${audience}. The next update’s clock has restarted.` });
    return true;
  },
}));
