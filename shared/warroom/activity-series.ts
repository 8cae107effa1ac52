// What the activity chart draws, in the shape the store will serve it (ISO instants, as every
// other time crossing the IPC boundary): counts per time bucket, the phase bands and the
// severity calls over the incident's span.

export interface ActivitySeriesBucket {
  /** Inclusive. */
  start: string;
  /** Exclusive; buckets are contiguous and in time order. */
  end: string;
  count: number;
}

export interface ActivitySeriesPhase {
  phase: string;
  start: string;
  end: string;
}

export interface ActivitySeriesSeverity {
  at: string;
  severity: string;
}

export interface ActivitySeries {
  buckets: readonly ActivitySeriesBucket[];
  phases: readonly ActivitySeriesPhase[];
  severities: readonly ActivitySeriesSeverity[];
}
