import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShortcuts } from './use-shortcuts';

export interface Command {
  id: string;
  label: string;
  /** Shown as a hint, e.g. "N" or "Shift+N"; the palette does not bind it (useShortcuts does). */
  shortcut?: string;
  /** Optional words that also match ("sev", "severity"). */
  keywords?: string;
  run(): void;
}

export interface CommandPaletteProps {
  commands: readonly Command[];
  /** Controlled open state (optional). Uncontrolled, Ctrl/Cmd+K toggles it. */
  open?: boolean;
  onOpenChange?(open: boolean): void;
}

/** Every word of the query appears in the label or keywords, case-insensitively. */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const hay = `${c.label} ${c.keywords ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * Ctrl/Cmd+K: a filterable list of commands. Arrow keys move, Enter runs, Escape closes, and
 * focus goes back to where it was.
 */
export function CommandPalette({ commands, open: openProp, onOpenChange }: CommandPaletteProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = openProp ?? ownOpen;
  const setOpen = (v: boolean) => {
    if (openProp === undefined) setOwnOpen(v);
    onOpenChange?.(v);
  };
  useShortcuts({ 'Mod+K': () => setOpen(!open) });
  if (!open) return null;
  return <PaletteDialog commands={commands} onClose={() => setOpen(false)} />;
}

function PaletteDialog({ commands, onClose }: { commands: readonly Command[]; onClose(): void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement | null>(null);
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const shown = useMemo(() => matchCommands(commands, query), [commands, query]);
  const index = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    input.current?.focus();
    return () => {
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [returnTo]);

  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    // After the palette unmounts and focus has returned, so the command can move focus itself.
    queueMicrotask(() => c.run());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((index + 1) % Math.max(1, shown.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((index - 1 + shown.length) % Math.max(1, shown.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[index]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // The dialog holds one control: keep focus in it.
      e.preventDefault();
    }
  };
  return (
    <div className="wr-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="wr-palette" onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="wr-input wr-palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-activedescendant={shown[index] ? `${id}-${shown[index].id}` : undefined}
          aria-autocomplete="list"
          aria-label="Type a command"
          placeholder="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label="Commands" className="wr-palette-list">
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-${c.id}`}
              role="option"
              aria-selected={i === index}
              className={i === index ? 'wr-palette-item wr-palette-active' : 'wr-palette-item'}
              onMouseMove={() => setActive(i)}
              onClick={() => run(c)}
            >
              <span>{c.label}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="muted wr-palette-empty">No command matches “{query}”</li>}
        </ul>
      </div>
    </div>
  );
}
