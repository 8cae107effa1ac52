import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PresenterMode, presentText } from './PresenterMode';
import { usePresenterStore } from './presenter-store';

afterEach(cleanup);

describe('PresenterMode', () => {
  it('adds the presenter class and says what is hidden', () => {
    const { container, rerender } = render(
      <PresenterMode presenter={false}>
        <p>x</p>
      </PresenterMode>,
    );
    expect(container.firstElementChild?.className).toBe('warroom');
    expect(screen.queryByRole('status')).toBeNull();
    rerender(
      <PresenterMode presenter>
        <p>x</p>
      </PresenterMode>,
    );
    expect(container.firstElementChild?.className).toBe('warroom presenter');
    expect(screen.getByRole('status').textContent).toBe('Presenter mode: secrets and sensitive notes are hidden');
  });

  it('redacts text only in presenter mode', () => {
    expect(presentText('password=hunter2', true)).toBe('password=•••');
    expect(presentText('password=hunter2', false)).toBe('password=hunter2');
  });

  it('keeps the flag in a store for shortcuts and the palette', () => {
    act(() => usePresenterStore.getState().togglePresenter());
    expect(usePresenterStore.getState().presenter).toBe(true);
    act(() => usePresenterStore.getState().setPresenter(false));
    expect(usePresenterStore.getState().presenter).toBe(false);
  });
});
