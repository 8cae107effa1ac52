import type { MethodOutput } from '../../../shared/ipc/contract';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { describeEvent } from '../../../shared/warroom/timeline-filter';

type Timeline = MethodOutput<'syncTimeline'>;
type Entry = Timeline['entries'][number];

const ruleText: Record<Timeline['conflicts'][number]['rule'], string> = {
  latest_severity_wins: 'Two severity calls made apart: the later one by time of occurrence holds; both stay on the timeline.',
  later_tick_wins: 'A checklist item ticked on one laptop and unticked on another: the later one holds.',
  commander_handoff: 'Two laptops named a commander: the later assignment holds command; the earlier one handed off.',
};

// describeEvent reads a timeline view; a merged entry has no corrections applied here.
const asView = (e: Entry): EventView =>
  ({
    id: e.id,
    incidentId: '',
    n: e.seq,
    kind: e.kind,
    actor: e.actor,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    payload: e.payload,
    prevHash: '',
    hash: '',
    effectiveOccurredAt: e.occurredAt,
    effectivePayload: e.payload,
    amendedBy: [],
    redactedBy: null,
    key: false,
  }) as EventView;

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Every laptop's events in one list: occurredAt, then laptop, then its sequence. */
export function MergedTimeline({ timeline }: { timeline: Timeline }) {
  const latest = timeline.entries.slice(-40);
  return (
    <div className="sync-merged">
      {timeline.conflicts.length > 0 && (
        <ul className="sync-conflicts" aria-label="Conflicts resolved by rule">
          {timeline.conflicts.map((c) => (
            <li key={c.fact}>{ruleText[c.rule]}</li>
          ))}
        </ul>
      )}
      <ol className="sync-entries" aria-label="Events from every laptop">
        {latest.map((e) => {
          const d = describeEvent(asView(e));
          return (
            <li key={e.id} className="sync-entry">
              <time dateTime={e.occurredAt} className="sync-time">
                {time(e.occurredAt)}
              </time>
              <span className="sync-device" title={e.thisLaptop ? 'this laptop' : `from ${e.deviceName}`}>
                {e.thisLaptop ? 'this laptop' : e.deviceName}
              </span>
              <span className="sync-title">
                {d.title}
                {e.late && <span className="sync-mark">arrived late</span>}
                {e.skewed && <span className="sync-mark sync-mark-bad">clock ahead</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {timeline.entries.length > latest.length && <p className="muted small">The latest {latest.length} of {timeline.entries.length} events.</p>}
    </div>
  );
}
