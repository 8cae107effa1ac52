// Exercise time as people write it ("T+1h30m") and as the app shows it. Apart from the
// scenario schema so that the screens showing a T+ time do not bundle the YAML parser.

/** "T+1h30m", "T+15m", "1h", "90m", "90" (minutes), or a number of minutes. Null when not a time. */
export function parseExerciseTime(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 60_000) : null;
  const s = value.trim().replace(/^T\s*\+\s*/i, '').replace(/\s+/g, '').toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 60_000);
  const hm = /^\d{1,2}:\d{2}$/.test(s) ? s.split(':') : null;
  if (hm) return (Number(hm[0]) * 60 + Number(hm[1])) * 60_000;
  const m = /^(?:(\d+(?:\.\d+)?)(?:h|hr|hrs|hours?))?(?:(\d+)(?:m|min|mins|minutes?))?(?:(\d+)(?:s|sec|secs|seconds?))?$/.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  return Math.round((Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000);
}

/** 5_400_000 -> "T+1h30m"; 0 -> "T+0m". */
export function formatExerciseTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return `T+${h > 0 ? `${h}h` : ''}${m > 0 || h === 0 ? `${m}m` : ''}${sec > 0 ? `${sec}s` : ''}`;
}
