import type { IncidentState } from '../events/fold';
import type { EventView, IncidentSummary } from '../events/read-models';
import type { Playbook } from '../playbook/model';

/**
 * Everything a post-mortem is written from: the incident as the store holds it. All of it is
 * data already in the log, so the same log always gives the same draft and the same export.
 */
export interface PostmortemSource {
  incident: IncidentSummary;
  state: IncidentState;
  /**
   * Every event of the incident, amends applied and redactions marked, in log order: this
   * laptop's chain order, or for an incident shared between laptops the merge order the fold
   * reads (shared/sync/conflict-rules.ts).
   */
  events: readonly EventView[];
  /**
   * The same events in the timeline's order (effective time, then as the war room lists them),
   * when the store read them so; absent, the draft sorts `events` by effective time, ties in log order.
   */
  timeline?: readonly EventView[];
  /** The incident's pinned playbook version, when it has one and it is still in the library. */
  playbook: Playbook | null;
}

export type PostmortemStatus = 'none' | 'draft' | 'in_review' | 'published';

/** The document as saved: its latest revision (0 = never saved) and status. */
export interface PostmortemDocument {
  markdown: string;
  revision: number;
  status: PostmortemStatus;
}
