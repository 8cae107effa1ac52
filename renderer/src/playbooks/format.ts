import type { Sla } from '../../../shared/playbook/model';

export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return `${+(minutes / 60).toFixed(1)} h`;
  return `${+(minutes / (24 * 60)).toFixed(1)} d`;
}

/** "15 minutes (15 min)", or the text alone when it is not a duration. */
export function formatSla(sla: Sla | null): string {
  if (!sla) return '—';
  if (sla.minutes === null) return sla.text || '—';
  const short = formatMinutes(sla.minutes);
  return sla.text && sla.text !== short ? `${sla.text} (${short})` : short;
}
