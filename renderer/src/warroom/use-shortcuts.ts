import { useEffect, useRef } from 'react';

/**
 * Global keyboard shortcuts. Keys are written "n", "Shift+N", "p", "Mod+K" ("Mod" = Ctrl, or
 * Cmd on macOS; "Ctrl", "Alt", "Meta" also work). Plain keys (no Ctrl/Alt/Meta) are ignored
 * while typing in an input, textarea, select or contenteditable, so "n" in a note stays an n;
 * combinations with Ctrl/Cmd fire everywhere. A handler that runs prevents the default.
 */
export type ShortcutMap = Readonly<Record<string, (event: KeyboardEvent) => void>>;

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

/** True when `event` matches a spec like "Shift+N" or "Mod+K". */
export function matchesShortcut(spec: string, event: KeyboardEvent, mac = isMac()): boolean {
  const parts = spec.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const want = {
    ctrl: mods.has('ctrl') || (mods.has('mod') && !mac),
    meta: mods.has('meta') || mods.has('cmd') || (mods.has('mod') && mac),
    alt: mods.has('alt'),
    shift: mods.has('shift'),
  };
  if (event.ctrlKey !== want.ctrl || event.metaKey !== want.meta || event.altKey !== want.alt || event.shiftKey !== want.shift) return false;
  return event.key.toLowerCase() === key.toLowerCase();
}

export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (plain && isTypingTarget(event.target)) return;
      for (const [spec, run] of Object.entries(latest.current)) {
        if (matchesShortcut(spec, event)) {
          event.preventDefault();
          run(event);
          return;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
