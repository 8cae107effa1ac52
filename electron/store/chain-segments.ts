import { hash } from 'node:crypto';
import { genesisHash } from '../../shared/events/canonical';

/** What one scan over a range of the events table saw of one incident's chain. */
export interface Segment {
  firstN: number;
  /** The prevHash of the first event seen: it must be the hash the previous segment ended on. */
  firstPrev: string;
  lastN: number;
  lastHash: string;
  events: number;
  /** Every event seen followed its predecessor in the range and hashed to its stored hash. */
  ok: boolean;
}

export type RowCheck = (seq: number, incidentId: string, n: number, prevHash: string, hash: string, hashInput: string) => number;

export interface SegmentScan {
  segments: Map<string, Segment>;
  /** Rows arrived out of write order: only the exact pass can judge then. */
  orderBroken: boolean;
  check: RowCheck;
}

/**
 * The per-row check, as JavaScript source: the same text runs here and in the worker threads
 * of a parallel verification (verify-parallel.ts), which cannot load our TypeScript modules.
 * It is called once per row by SQL (cordon_check_event) with what the chain needs, and returns 1
 * when the row holds. The first row of an incident in a range is only hashed; whether it links to
 * the previous range is for `joinSegments` to say.
 */
export const segmentScanSource = String.raw`
  const segments = new Map();
  let lastSeq = 0;
  const scan = { segments, orderBroken: false, check: null };
  scan.check = (seq, incidentId, n, prevHash, hash, hashInput) => {
    if (seq <= lastSeq) scan.orderBroken = true;
    lastSeq = seq;
    let s = segments.get(incidentId);
    if (s === undefined) {
      s = { firstN: n, firstPrev: prevHash, lastN: n - 1, lastHash: prevHash, events: 0, ok: true };
      segments.set(incidentId, s);
    }
    s.events++;
    if (!s.ok) return 0;
    if (n !== s.lastN + 1 || prevHash !== s.lastHash || sha256Hex(hashInput) !== hash) {
      s.ok = false;
      return 0;
    }
    s.lastN = n;
    s.lastHash = hash;
    return 1;
  };
  return scan;
`;

// Our own constant source (above), compiled once; worker threads compile the same text.
const buildScan = new Function('sha256Hex', segmentScanSource) as (sha256Hex: (text: string) => string) => SegmentScan;

export const sha256HexOfText = (text: string): string => hash('sha256', text, 'hex');

export function createSegmentScan(): SegmentScan {
  return buildScan(sha256HexOfText);
}

/** One incident's chain, put together from the segments of consecutive ranges, in order. */
export interface JoinedChain {
  ok: boolean;
  events: number;
  headHash: string | null;
}

export function joinSegments(incidentId: string, scans: readonly Pick<SegmentScan, 'segments'>[]): JoinedChain {
  let expectedN = 1;
  let prevHash = genesisHash;
  let events = 0;
  let ok = true;
  for (const scan of scans) {
    const segment = scan.segments.get(incidentId);
    if (!segment) continue;
    events += segment.events;
    if (!ok) continue;
    if (!segment.ok || segment.firstN !== expectedN || segment.firstPrev !== prevHash) {
      ok = false;
      continue;
    }
    expectedN = segment.lastN + 1;
    prevHash = segment.lastHash;
  }
  return { ok, events, headHash: ok && events > 0 ? prevHash : null };
}
