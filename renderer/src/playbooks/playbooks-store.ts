import { create } from 'zustand';
import type { PlaybookSummary, StoredPlaybook } from '../../../shared/playbook/library';
import type { ImportChoice, Playbook, UnparsedBlock } from '../../../shared/playbook/model';
import { readPlaybookFile } from './import-file';
import { cordon } from '../platform/cordon';

export type PlaybooksMode = 'library' | 'view' | 'review' | 'edit';

/** An imported file under review: nothing is stored until it is saved. */
export interface ReviewState {
  source: string;
  sourceName: string;
  unparsed: UnparsedBlock[];
  warnings: string[];
  /** Where the importer chose between readings, and the reader's answers so far. */
  choices: ImportChoice[];
  answers: Record<string, string>;
}

interface PlaybooksState {
  mode: PlaybooksMode;
  list: PlaybookSummary[] | null;
  listError: string | null;
  /** The playbook version being viewed (or edited). */
  current: StoredPlaybook | null;
  versions: PlaybookSummary[];
  viewError: string | null;
  loading: boolean;
  importing: boolean;
  importError: string | null;
  review: ReviewState | null;
  /** The playbook being reviewed or edited. */
  draft: Playbook | null;
  dirty: boolean;
  saving: boolean;
  saveError: string | null;

  loadList(): Promise<void>;
  /** Shows a playbook; the newest version unless `version` is given. */
  open(id: string, version?: number): Promise<void>;
  importFile(file: File): Promise<void>;
  importMarkdown(markdown: string, sourceName: string, answers?: Record<string, string>): Promise<void>;
  /** Imports the file under review again with one choice answered the other way. */
  choose(choiceId: string, value: string): Promise<void>;
  clearImportError(): void;
  setImportError(message: string): void;
  startEdit(): void;
  setDraft(playbook: Playbook): void;
  /** Saves the draft as a new version; returns the error message, or null when saved. */
  save(): Promise<string | null>;
  /** Leaves the review or the editor without saving. */
  discard(): void;
  showLibrary(): void;
}

const initial = {
  mode: 'library' as PlaybooksMode,
  list: null,
  listError: null,
  current: null,
  versions: [],
  viewError: null,
  loading: false,
  importing: false,
  importError: null,
  review: null,
  draft: null,
  dirty: false,
  saving: false,
  saveError: null,
};

export const usePlaybooks = create<PlaybooksState>((set, get) => ({
  ...initial,

  async loadList() {
    const result = await cordon().playbookList({});
    set(result.ok ? { list: result.value, listError: null } : { listError: result.error.message });
  },

  async open(id, version) {
    const sameId = get().current?.id === id;
    // Another playbook's page is never shown while this one loads.
    set({ loading: true, viewError: null, mode: 'view', ...(sameId ? {} : { current: null, versions: [] }) });
    const [stored, versions] = await Promise.all([
      cordon().playbookGet(version === undefined ? { id } : { id, version }),
      version !== undefined && sameId && get().versions.length > 0 ? null : cordon().playbookVersions({ id }),
    ]);
    set({ loading: false });
    if (!stored.ok) {
      set({ viewError: stored.error.message });
      return;
    }
    set({ current: stored.value, draft: null, dirty: false, saveError: null });
    if (versions) set(versions.ok ? { versions: versions.value } : { versions: [], viewError: versions.error.message });
  },

  async importFile(file) {
    set({ importError: null });
    const read = await readPlaybookFile(file);
    if (!read.ok) {
      set({ importError: read.message });
      return;
    }
    await get().importMarkdown(read.text, file.name);
  },

  async importMarkdown(markdown, sourceName, answers = {}) {
    set({ importing: true, importError: null });
    const result = await cordon().playbookPreview({ markdown, sourceName, ...(Object.keys(answers).length > 0 ? { choices: answers } : {}) });
    set({ importing: false });
    if (!result.ok) {
      set({ importError: result.error.message });
      return;
    }
    const { playbook, unparsed, warnings, choices } = result.value;
    set({
      mode: 'review',
      review: { source: markdown, sourceName, unparsed, warnings, choices, answers },
      draft: playbook,
      dirty: false,
      saveError: null,
    });
  },

  async choose(choiceId, value) {
    const review = get().review;
    if (!review) return;
    await get().importMarkdown(review.source, review.sourceName, { ...review.answers, [choiceId]: value });
  },

  clearImportError: () => set({ importError: null }),
  setImportError: (message) => set({ importError: message }),

  startEdit() {
    const current = get().current;
    if (current) set({ mode: 'edit', draft: current.playbook, dirty: false, saveError: null });
  },

  setDraft: (playbook) => set({ draft: playbook, dirty: true }),

  async save() {
    const { draft, mode, review, current } = get();
    if (!draft) return null;
    set({ saving: true, saveError: null });
    const input =
      mode === 'review' && review
        ? { playbook: draft, source: review.source, unparsed: review.unparsed }
        : { id: current?.id, playbook: draft, source: current?.source ?? null, unparsed: current?.unparsed ?? [] };
    const result = await cordon().playbookSave(input);
    if (!result.ok) {
      set({ saving: false, saveError: result.error.message });
      return result.error.message;
    }
    const stored = result.value;
    set({ saving: false, mode: 'view', current: stored, review: null, draft: null, dirty: false, viewError: null });
    const [versions] = await Promise.all([cordon().playbookVersions({ id: stored.id }), get().loadList()]);
    if (versions.ok) set({ versions: versions.value });
    return null;
  },

  discard() {
    const { mode, current } = get();
    set({ draft: null, review: null, dirty: false, saveError: null, mode: mode === 'edit' && current ? 'view' : 'library' });
  },

  showLibrary() {
    set({ mode: 'library', draft: null, review: null, dirty: false, saveError: null, viewError: null });
    void get().loadList();
  },
}));

/** Back to the first state; for tests. */
export const resetPlaybooks = (): void => usePlaybooks.setState({ ...initial });
