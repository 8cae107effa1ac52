import type { SeverityLevel } from '../../../shared/playbook/model';

/** CSS class for a level's colour: ranks 1-4 (and beyond, as 4). Colour is never the only signal. */
export function severityClass(rank: number | null | undefined): string {
  if (rank === null || rank === undefined) return 'wr-sev wr-sev-none';
  return `wr-sev wr-sev-${Math.min(Math.max(1, Math.round(rank)), 4)}`;
}

export interface SeverityChipProps {
  level: SeverityLevel | null;
  /** Shown when the level is unknown to the playbook (e.g. a raw key from the log). */
  fallback?: string | null;
}

/** "SEV1 · Critical" on the level's colour. */
export function SeverityChip({ level, fallback }: SeverityChipProps) {
  if (!level) {
    return <span className={severityClass(null)}>{fallback ? fallback : 'No severity'}</span>;
  }
  const showName = level.name !== '' && !level.code.toLowerCase().includes(level.name.toLowerCase());
  return (
    <span className={severityClass(level.rank)} title={level.description || undefined}>
      <span className="wr-sev-code">{level.code}</span>
      {showName && <span className="wr-sev-name"> · {level.name}</span>}
    </span>
  );
}
