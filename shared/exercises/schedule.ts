import { exerciseTimeAt, type ClockState } from './clock';
import type { Scenario } from './scenario';
import type { InjectState, ScoredEvent } from './score';

// When each inject is due, in exercise time. `at` injects are due at their time; `after`
// injects once their trigger has happened (another inject fired, or the first event of a kind
// after the start) plus their delay. A facilitator's edit of the time wins (dueMs kept).

export function initialInjectStates(scenario: Scenario): InjectState[] {
  return scenario.injects.map((i) => ({
    id: i.id,
    title: i.title,
    text: i.text,
    audience: i.audience,
    dueMs: i.at ?? null,
    status: 'pending',
    firedAtMs: null,
    firedAtWall: null,
    eventId: null,
    edited: false,
  }));
}

/** Fills in dueMs of pending `after` injects whose trigger has happened. Returns new states. */
export function resolveDue(scenario: Scenario, states: readonly InjectState[], events: readonly ScoredEvent[], clock: ClockState): InjectState[] {
  const started = clock.startedAt === null ? null : Date.parse(clock.startedAt);
  let out = states.slice();
  // Chains (c after b after a) settle in as many passes as they are long.
  for (let pass = 0; pass < scenario.injects.length; pass++) {
    let changed = false;
    out = out.map((st) => {
      if (st.status !== 'pending' || st.dueMs !== null) return st;
      const def = scenario.injects.find((d) => d.id === st.id);
      if (!def?.after) return st;
      const delay = def.delay ?? 0;
      const trigger = out.find((o) => o.id === def.after);
      let at: number | null = null;
      if (trigger) {
        if (trigger.status === 'fired' && trigger.firedAtMs !== null) at = trigger.firedAtMs;
      } else if (started !== null) {
        const e = events.find((ev) => ev.kind === def.after && ev.payload !== null && Date.parse(ev.recordedAt) >= started);
        if (e) at = exerciseTimeAt(clock, Date.parse(e.recordedAt));
      }
      if (at === null) return st;
      changed = true;
      return { ...st, dueMs: at + delay };
    });
    if (!changed) break;
  }
  return out;
}

/** Pending injects due at exercise time `nowMs`, earliest first. */
export function dueNow(states: readonly InjectState[], nowMs: number): InjectState[] {
  return states.filter((s) => s.status === 'pending' && s.dueMs !== null && s.dueMs <= nowMs).sort((a, b) => (a.dueMs ?? 0) - (b.dueMs ?? 0));
}
