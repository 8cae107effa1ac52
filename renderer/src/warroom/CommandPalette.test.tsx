import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandPalette, matchCommands } from './CommandPalette';
import { matchesShortcut, useShortcuts, type ShortcutMap } from './use-shortcuts';

afterEach(cleanup);

function Shortcuts({ map }: { map: ShortcutMap }) {
  useShortcuts(map);
  return (
    <>
      <input aria-label="Note" />
      <button type="button">Elsewhere</button>
    </>
  );
}

describe('CommandPalette', () => {
  const commands = () => [
    { id: 'note', label: 'Add note', shortcut: 'N', run: vi.fn() },
    { id: 'next', label: 'Next phase', shortcut: 'Shift+N', run: vi.fn() },
    { id: 'presenter', label: 'Toggle presenter mode', keywords: 'share screen', run: vi.fn() },
  ];

  it('opens with Ctrl+K, filters, moves with arrows, runs with Enter, returns focus', async () => {
    const cmds = commands();
    render(
      <>
        <button type="button">Origin</button>
        <CommandPalette commands={cmds} />
      </>,
    );
    const origin = screen.getByRole('button', { name: 'Origin' });
    origin.focus();
    fireEvent.keyDown(origin, { key: 'k', ctrlKey: true });
    const input = screen.getByRole('combobox', { name: 'Type a command' });
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    expect(document.activeElement).toBe(input);
    expect(screen.getAllByRole('option')).toHaveLength(3);

    fireEvent.change(input, { target: { value: 'screen' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Toggle presenter mode']);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Next phase');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { selected: true }).id);
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(cmds[1]!.run).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(origin);
  });

  it('closes on Escape without running anything', () => {
    const cmds = commands();
    const onOpenChange = vi.fn();
    render(<CommandPalette commands={cmds} open onOpenChange={onOpenChange} />);
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Escape' });
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(cmds.every((c) => c.run.mock.calls.length === 0)).toBe(true);
  });

  it('matches every word', () => {
    expect(matchCommands(commands(), 'next PHASE').map((c) => c.id)).toEqual(['next']);
    expect(matchCommands(commands(), '')).toHaveLength(3);
  });
});

describe('useShortcuts', () => {
  it('fires plain keys outside inputs only, and Mod combos everywhere', () => {
    const n = vi.fn();
    const shiftN = vi.fn();
    const modK = vi.fn();
    render(<Shortcuts map={{ n, 'Shift+N': shiftN, 'Mod+K': modK }} />);
    fireEvent.keyDown(screen.getByRole('button'), { key: 'n' });
    expect(n).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'n' });
    expect(n).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document.body, { key: 'N', shiftKey: true });
    expect(shiftN).toHaveBeenCalledTimes(1);
    expect(n).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'k', ctrlKey: true });
    expect(modK).toHaveBeenCalledTimes(1);
  });

  it('reads Mod as Cmd on macOS', () => {
    const e = new KeyboardEvent('keydown', { key: 'k', metaKey: true });
    expect(matchesShortcut('Mod+K', e, true)).toBe(true);
    expect(matchesShortcut('Mod+K', e, false)).toBe(false);
  });
});
