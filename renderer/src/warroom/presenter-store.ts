import { create } from 'zustand';

/**
 * Presenter mode on/off. Components take an explicit `presenter` prop (easy to test, no hidden
 * coupling); this store is where the screen keeps the flag so the "p" shortcut, the command
 * palette and the toolbar agree. Read it once at the screen and pass it down.
 */
interface PresenterState {
  presenter: boolean;
  setPresenter(on: boolean): void;
  togglePresenter(): void;
}

export const usePresenterStore = create<PresenterState>((set) => ({
  presenter: false,
  setPresenter: (presenter) => set({ presenter }),
  togglePresenter: () => set((s) => ({ presenter: !s.presenter })),
}));
