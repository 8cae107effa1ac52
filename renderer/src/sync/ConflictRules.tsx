import type { MethodOutput } from '../../../shared/ipc/contract';

type Conflicts = MethodOutput<'syncTimeline'>['conflicts'];

const ruleText: Record<Conflicts[number]['rule'], string> = {
  latest_severity_wins: 'Two severity calls made apart: the later one by time of occurrence holds; both stay on the timeline.',
  later_tick_wins: 'A checklist item ticked on one laptop and unticked on another: the later one holds.',
  commander_handoff: 'Two laptops named a commander: the later assignment holds command; the earlier one handed off.',
};

/**
 * The rules that settled changes made apart on different laptops. Every laptop's events are on
 * the war room's own timeline (marked with the laptop they came from); this card says only
 * which conflicting facts a rule decided, and how.
 */
export function ConflictRules({ conflicts }: { conflicts: Conflicts }) {
  if (conflicts.length === 0) return null;
  return (
    <ul className="sync-conflicts" aria-label="Conflicts resolved by rule">
      {conflicts.map((c) => (
        <li key={c.fact}>{ruleText[c.rule]}</li>
      ))}
    </ul>
  );
}
