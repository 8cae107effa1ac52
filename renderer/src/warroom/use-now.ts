import { useEffect, useState } from 'react';

/**
 * The current time, re-rendering every `intervalMs` (default a second). Only the components
 * that show a ticking clock use it, so the rest of the war-room does not re-render each second.
 */
export function useNow(intervalMs = 1000, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, enabled]);
  return now;
}
