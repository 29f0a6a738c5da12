import type { Alert, ResultSnapshot } from '../../src/protocol/alert.ts';
import type { AlarmPolicy } from '../../src/protocol/policy.ts';
import type { ChatterState } from './chattering.ts';
import type { ConditionState } from './condition.ts';
import type { FloodCounter } from './flood.ts';
import type { AssetGroup, LineEvents } from './grouping.ts';
import type { TimerHeap } from './heap.ts';
import type { Shelf } from './shelving.ts';
import type { TrustState } from './trust.ts';

/** An asset out of service: who, why, until when (relay time). */
export interface OutOfService {
  by: string;
  reason: string;
  at: number;
  until: number;
}

/** One console (= line): its event clock, timers, flood state and digest. */
export interface LineState {
  plant: string;
  line: string;
  /** Policy resolved for plant + line (flood and line-event numbers). */
  policy: AlarmPolicy;
  /** Event time processed up to: timers before it have fired; late results are stamped at it. */
  clock: number;
  /** Latest result time seen on this line. */
  eventTime: number;
  /** Relay time when the line last sent anything (≥ its event time), to measure silence. */
  anchor: number;
  timers: TimerHeap<KeyState | LineState>;
  floodToken: number;
  flood: FloodCounter;
  /** Ids of low/medium alerts held back by flood (insertion order). */
  digest: Set<string>;
  lineEvents: LineEvents;
  assets: Map<string, AssetState>;
  /** Keys of the line with a current (not ended) alert: kept in step so the relay's bound reads it cheaply. */
  open: number;
}

/** One asset: service state, grouping and data freshness. */
export interface AssetState {
  line: LineState;
  asset: string;
  oos: OutOfService | null;
  group: AssetGroup;
  /** Latest result time and relay time of it, for "no data for N s". */
  lastDataAt: number;
  anchor: number;
  stale: boolean;
  /** model name → label → key. */
  keys: Map<string, Map<string, KeyState>>;
}

/** Everything the engine knows about one alarm key. */
export interface KeyState {
  key: string;
  asset: AssetState;
  modelName: string;
  label: string;
  /** Resolved policy and the book version it came from (re-resolved after setPolicy). */
  policy: AlarmPolicy;
  policyVersion: number;
  cond: ConditionState;
  /** Raw `score ≥ threshold` of the latest result, for naive crossings. */
  above: boolean;
  /** Event time of the newest result applied; an older one arriving later is `late` and changes nothing. */
  newestTs: number;
  /** Results of the on-delay run so far and the highest of them. */
  pendingCount: number;
  pendingPeak: ResultSnapshot | null;
  /** New alerts made for this key; the next id is `${key}#${seq + 1}`. */
  seq: number;
  /** Raises of this key (new or reopened): feedback is counted once per alert per raise. */
  raises: number;
  /** The current (not ended) alert, and the last ended one (for re-alarm and late feedback). */
  alert: Alert | null;
  ended: Alert | null;
  chatter: ChatterState;
  shelf: Shelf | null;
  trust: TrustState;
  offToken: number;
  chatterToken: number;
}

/** Alert ids are `${key}#${n}`; the key is everything before the last `#`. */
export function keyOfAlertId(id: string): string | null {
  const i = id.lastIndexOf('#');
  return i > 0 ? id.slice(0, i) : null;
}
