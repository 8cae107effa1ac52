// The exercise clock: exercise time runs apart from wall time. It starts at T+0 when the
// facilitator starts it, stops while paused, and runs `speed` times faster than wall time.
// Every change is kept as a segment, so any wall instant (an event's recordedAt) can be turned
// into exercise time afterwards, for scoring.

export const speeds = [1, 5, 15, 60] as const;
export const maxSpeed = 60;

export interface ClockSegment {
  /** Wall time (ms) the segment begins. */
  wall: number;
  /** Exercise time (ms) at that instant. */
  ex: number;
  speed: number;
  running: boolean;
}

export interface ClockState {
  /** Wall time the clock was first started; null before. */
  startedAt: string | null;
  /** Exercise time at the last segment's start. */
  elapsedMs: number;
  speed: number;
  running: boolean;
  finishedAt: string | null;
  segments: ClockSegment[];
}

export const newClock = (speed = 1): ClockState => ({ startedAt: null, elapsedMs: 0, speed, running: false, finishedAt: null, segments: [] });

/** Exercise time (ms) at a wall instant, from the clock's history. Before the start: 0. */
export function exerciseTimeAt(clock: ClockState, wall: number): number {
  let seg: ClockSegment | undefined;
  for (const s of clock.segments) {
    if (s.wall <= wall) seg = s;
    else break;
  }
  if (!seg) return 0;
  return seg.running ? seg.ex + Math.max(0, wall - seg.wall) * seg.speed : seg.ex;
}

/** Wall time at which the running clock reaches exercise time `ex`; null when paused. */
export function wallTimeAt(clock: ClockState, ex: number): number | null {
  const seg = clock.segments[clock.segments.length - 1];
  if (!seg || !seg.running) return null;
  return seg.wall + Math.max(0, ex - seg.ex) / seg.speed;
}

function push(clock: ClockState, wall: number, running: boolean, speed: number): ClockState {
  const ex = exerciseTimeAt(clock, wall);
  return {
    ...clock,
    elapsedMs: ex,
    running,
    speed,
    segments: [...clock.segments, { wall, ex, speed, running }],
  };
}

export type ClockAction = { action: 'start' } | { action: 'pause' } | { action: 'resume' } | { action: 'speed'; speed: number } | { action: 'finish' };

/** Applies a control; throws an Error with a message for the facilitator when it makes no sense now. */
export function controlClock(clock: ClockState, control: ClockAction, wall: number): ClockState {
  if (clock.finishedAt !== null) throw new Error('The exercise has finished.');
  switch (control.action) {
    case 'start':
      if (clock.startedAt !== null) throw new Error('The exercise clock is already started.');
      return { ...push(clock, wall, true, clock.speed), startedAt: new Date(wall).toISOString() };
    case 'pause':
      if (!clock.running) throw new Error('The exercise clock is not running.');
      return push(clock, wall, false, clock.speed);
    case 'resume':
      if (clock.startedAt === null) throw new Error('Start the exercise clock first.');
      if (clock.running) throw new Error('The exercise clock is already running.');
      return push(clock, wall, true, clock.speed);
    case 'speed':
      if (!Number.isInteger(control.speed) || control.speed < 1 || control.speed > maxSpeed) throw new Error(`Speed must be 1x to ${maxSpeed}x.`);
      return clock.startedAt === null ? { ...clock, speed: control.speed } : push(clock, wall, clock.running, control.speed);
    case 'finish':
      return { ...push(clock, wall, false, clock.speed), startedAt: clock.startedAt ?? new Date(wall).toISOString(), finishedAt: new Date(wall).toISOString() };
  }
}
