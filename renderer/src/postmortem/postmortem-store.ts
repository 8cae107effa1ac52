import { create } from 'zustand';
import type { ActionItemType } from '../../../shared/events/payloads';
import type { ExportResult, PostmortemView } from '../../../shared/ipc/postmortem-contract';
import type { ActionItemStatus } from '../../../shared/postmortem/action-items';
import { cordon } from '../platform/cordon';
import { followDelivery } from './download';

/** Autosave waits this long after the last keystroke; each save is one revision on the timeline. */
export const autosaveDelayMs = 3_000;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error';
export type ExportFormat = 'md' | 'pdf' | 'bundle';

export interface ActionItemEdit {
  actionItemId?: string;
  title?: string;
  owner?: string | null;
  dueDate?: string | null;
  type?: ActionItemType | null;
  status?: ActionItemStatus;
}

interface PostmortemState {
  incidentId: string | null;
  view: PostmortemView | null;
  /** What is in the editor; saved as the next revision after a pause. */
  text: string;
  /** The revision `text` was based on; a save against a newer one is a conflict. */
  baseRevision: number;
  dirty: boolean;
  saveState: SaveState;
  error: string | null;
  exporting: ExportFormat | null;
  lastExport: ExportResult | null;
  /** A draft was asked for and has not arrived: a long incident takes seconds to read. */
  drafting: boolean;
  load(incidentId: string): Promise<void>;
  refresh(): Promise<void>;
  edit(text: string): void;
  saveNow(): Promise<boolean>;
  startDraft(template: string, timeline: 'key' | 'all'): Promise<void>;
  restore(revision: number): Promise<void>;
  keepMine(): Promise<void>;
  setStatus(status: 'draft' | 'in_review' | 'published'): Promise<void>;
  saveItem(edit: ActionItemEdit): Promise<boolean>;
  exportAs(format: ExportFormat, pageSize: 'A4' | 'Letter'): Promise<void>;
  leave(): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;
const clearTimer = () => {
  if (timer !== null) clearTimeout(timer);
  timer = null;
};

export const usePostmortem = create<PostmortemState>((set, get) => {
  async function fetchView(incidentId: string): Promise<PostmortemView | null> {
    const result = await cordon().postmortemGet({ incidentId });
    if (get().incidentId !== incidentId) return null;
    if (!result.ok) {
      set({ error: result.error.message });
      return null;
    }
    return result.value;
  }

  return {
    incidentId: null,
    view: null,
    text: '',
    baseRevision: 0,
    dirty: false,
    saveState: 'idle',
    error: null,
    exporting: null,
    lastExport: null,
    drafting: false,

    async load(incidentId) {
      clearTimer();
      set({ incidentId, view: null, text: '', baseRevision: 0, dirty: false, saveState: 'idle', error: null, lastExport: null, drafting: false });
      const view = await fetchView(incidentId);
      if (view) set({ view, text: view.markdown ?? '', baseRevision: view.revision });
    },

    // After a push: new revisions, status and action items. The text is replaced only when
    // nothing is waiting to be saved, so someone else's save never eats what is being typed.
    async refresh() {
      const incidentId = get().incidentId;
      if (!incidentId) return;
      const view = await fetchView(incidentId);
      if (!view) return;
      const { dirty, saveState } = get();
      if (!dirty && saveState !== 'saving' && saveState !== 'conflict') set({ view, text: view.markdown ?? '', baseRevision: view.revision });
      else set({ view });
    },

    edit(text) {
      if (text === get().text) return;
      set({ text, dirty: true, saveState: 'pending' });
      clearTimer();
      timer = setTimeout(() => void get().saveNow(), autosaveDelayMs);
    },

    async saveNow() {
      clearTimer();
      const { incidentId, text, baseRevision, dirty } = get();
      if (!incidentId || !dirty) return true;
      set({ saveState: 'saving' });
      const result = await cordon().postmortemSave({ incidentId, markdown: text, baseRevision });
      if (get().incidentId !== incidentId) return false;
      if (!result.ok) {
        set({ saveState: result.error.code === 'conflict' ? 'conflict' : 'error', error: result.error.message });
        return false;
      }
      // Typing may have gone on during the save: still dirty then, and saved again after a pause.
      const stillDirty = get().text !== text;
      set({ baseRevision: result.value.revision, dirty: stillDirty, saveState: stillDirty ? 'pending' : 'saved', error: null });
      if (stillDirty) timer = setTimeout(() => void get().saveNow(), autosaveDelayMs);
      await get().refresh();
      return true;
    },

    async startDraft(template, timeline) {
      const incidentId = get().incidentId;
      if (!incidentId || get().drafting) return;
      set({ drafting: true, error: null });
      const result = await cordon().postmortemDraft({ incidentId, template, timeline });
      if (get().incidentId !== incidentId) return;
      if (!result.ok) {
        set({ error: result.error.message, drafting: false });
        return;
      }
      set({ text: result.value.markdown, dirty: true, drafting: false });
      await get().saveNow();
    },

    async restore(revision) {
      const incidentId = get().incidentId;
      if (!incidentId) return;
      const old = await cordon().postmortemRevision({ incidentId, revision });
      if (!old.ok) {
        set({ error: old.error.message });
        return;
      }
      // A restore is a new revision holding the old text: the history only grows.
      set({ text: old.value.markdown, dirty: true });
      await get().saveNow();
    },

    async keepMine() {
      const view = get().incidentId ? await fetchView(get().incidentId ?? '') : null;
      if (!view) return;
      set({ view, baseRevision: view.revision, dirty: true, saveState: 'pending', error: null });
      await get().saveNow();
    },

    async setStatus(status) {
      const incidentId = get().incidentId;
      if (!incidentId) return;
      if (get().dirty) await get().saveNow();
      const result = await cordon().postmortemSetStatus({ incidentId, status });
      if (result.ok) set({ view: result.value, error: null });
      else set({ error: result.error.message });
    },

    async saveItem(edit) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      const result = await cordon().actionItemSave({ incidentId, ...edit });
      if (!result.ok) {
        set({ error: result.error.message });
        return false;
      }
      const view = get().view;
      set({ view: view ? { ...view, actionItems: result.value } : view, error: null });
      return true;
    },

    async exportAs(format, pageSize) {
      const incidentId = get().incidentId;
      if (!incidentId || get().exporting) return;
      if (get().dirty && !(await get().saveNow())) return;
      set({ exporting: format, error: null });
      const input = { incidentId, pageSize };
      const api = cordon();
      const result = format === 'md' ? await api.exportMarkdown(input) : format === 'pdf' ? await api.exportPdf(input) : await api.exportBundle(input);
      set({ exporting: null });
      if (!result.ok) {
        set({ error: result.error.message });
        return;
      }
      followDelivery(result.value.delivery);
      set({ lastExport: result.value });
    },

    leave() {
      if (get().dirty) void get().saveNow();
      clearTimer();
    },
  };
});
