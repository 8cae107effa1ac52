import type { EventView } from '../events/read-models';
import type { Playbook } from '../playbook/model';
import { cell, table, utc } from '../postmortem/format';
import { formatTPlus } from '../warroom/elapsed';
import { severityName } from '../warroom/timeline-filter';
import { describeCadence } from './cadence';
import { sentUpdates } from './updates';

// The post-mortem's "Messages sent" section: every update the team marked as sent, who to,
// when, by whom, and what it said. A reviewer checks it against the cadence the playbook asked
// for. Pure and clock-free like the rest of the draft.

/** Longest text quoted per message; the whole text stays on the timeline. */
export const quotedTextLimit = 2_000;

const quote = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '' ? '>' : `> ${l}`))
    .join('\n');

export function messagesSentSection(events: readonly EventView[], playbook: Playbook | null): string {
  const updates = sentUpdates(events);
  if (updates.length === 0) return '_No stakeholder updates were marked as sent in Cordon._';
  const exercise = updates.some((u) => u.exerciseMs !== null);
  const rows = updates.map((u) => [
    utc(u.at),
    ...(exercise ? [u.exerciseMs === null ? '—' : formatTPlus(u.exerciseMs)] : []),
    u.audienceName,
    u.channel ?? '—',
    u.severity ? severityName(u.severity, playbook) : '—',
    u.actor,
    u.nextUpdateMinutes === null ? '—' : describeCadence(u.nextUpdateMinutes).replace(/^every /, 'in '),
  ]);
  const header = ['Sent (UTC)', ...(exercise ? ['Exercise time'] : []), 'Audience', 'Channel', 'Severity', 'By', 'Next update promised'];
  const texts = updates.map((u, i) => {
    const body = u.text.length > quotedTextLimit ? `${u.text.slice(0, quotedTextLimit)}…\n\n(shortened; the full text is on the timeline)` : u.text;
    const title = `${i + 1}. ${u.audienceName}, ${utc(u.at)}${u.subject ? `: ${cell(u.subject)}` : ''}`;
    return `**${title}**\n\n${quote(body)}`;
  });
  return [`${updates.length} update${updates.length === 1 ? '' : 's'} sent.`, table(header, rows), ...texts].join('\n\n');
}
