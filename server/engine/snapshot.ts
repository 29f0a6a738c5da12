import type { Alert, ResultSnapshot } from '../../src/protocol/alert.ts';
import type { FeedbackAnswer } from '../../src/protocol/commands.ts';
import type { PolicyBook } from '../../src/protocol/policy.ts';
import type { ChatterState } from './chattering.ts';
import { type ConditionState, offDelayDeadline } from './condition.ts';
import { EngineCore } from './core.ts';
import type { RecentRaise } from './grouping.ts';
import { releaseAt } from './chattering.ts';
import type { Shelf } from './shelving.ts';
import type { KeyState, OutOfService } from './state.ts';

/** -Infinity ("never") is not JSON; snapshots carry null for it. */
type Time = number | null;

/** An idle key is kept as its name and newest result time (creation order matters for iteration order). */
interface IdleKeySnapshot {
  model: string;
  label: string;
  /** Absent in snapshots written before late results were told apart. */
  newestTs?: Time;
}

interface KeySnapshot extends IdleKeySnapshot {
  cond: ConditionState;
  above: boolean;
  pendingCount: number;
  pendingPeak: ResultSnapshot | null;
  seq: number;
  /** Absent in snapshots written before raises were counted. */
  raises?: number;
  alert: Alert | null;
  ended: Alert | null;
  chatter: ChatterState;
  shelf: Shelf | null;
  trust: { confirmed: number; falseAlarm: number; unsure: number; answers: [string, FeedbackAnswer][] };
}

interface AssetSnapshot {
  asset: string;
  oos: OutOfService | null;
  group: { groupId: string | null; leadAt: Time };
  lastDataAt: Time;
  anchor: Time;
  stale: boolean;
  keys: (KeySnapshot | IdleKeySnapshot)[];
}

interface LineSnapshot {
  plant: string;
  line: string;
  clock: Time;
  eventTime: Time;
  anchor: Time;
  flood: { times: number[]; inFlood: boolean };
  digest: string[];
  lineEvents: { recent: RecentRaise[]; open: { id: string; leadAt: number } | null };
  assets: AssetSnapshot[];
}

/** Everything the engine needs to carry on after a relay restart; plain JSON. */
export interface EngineSnapshot {
  version: 1;
  book: PolicyBook;
  wall: Time;
  lines: LineSnapshot[];
}

const enc = (t: number): Time => (t === -Infinity ? null : t);
const dec = (t: Time): number => (t === null ? -Infinity : t);
// Copies are shallow where the engine replaces nested objects whole (alerts' peak, last, shelf, trust,
// model; the policy book) and fresh where it mutates (alerts themselves, condition, chatter, raises).
const copyAlertOrNull = (a: Alert | null): Alert | null => (a ? { ...a } : null);

/** A key that never did anything but report normal scores carries no state worth keeping. */
function idle(k: KeyState): boolean {
  return !k.cond.abnormal && k.cond.consecutive === 0 && !k.above && k.seq === 0 && !k.alert && !k.ended && !k.shelf
    && k.chatter.raises.length === 0 && k.trust.answers.size === 0;
}

export function encodeSnapshot(core: EngineCore): EngineSnapshot {
  const lines: LineSnapshot[] = [];
  for (const l of core.allLines()) {
    const assets: AssetSnapshot[] = [];
    for (const a of l.assets.values()) {
      const keys: (KeySnapshot | IdleKeySnapshot)[] = [];
      for (const m of a.keys.values()) {
        for (const k of m.values()) {
          if (idle(k)) {
            keys.push({ model: k.modelName, label: k.label, newestTs: enc(k.newestTs) });
            continue;
          }
          keys.push({
            model: k.modelName, label: k.label, newestTs: enc(k.newestTs), cond: { ...k.cond }, above: k.above, pendingCount: k.pendingCount, pendingPeak: k.pendingPeak,
            seq: k.seq, raises: k.raises, alert: copyAlertOrNull(k.alert), ended: copyAlertOrNull(k.ended), chatter: { ...k.chatter, raises: [...k.chatter.raises] }, shelf: k.shelf,
            trust: { confirmed: k.trust.confirmed, falseAlarm: k.trust.falseAlarm, unsure: k.trust.unsure, answers: [...k.trust.answers] },
          });
        }
      }
      assets.push({ asset: a.asset, oos: a.oos, group: { groupId: a.group.groupId, leadAt: enc(a.group.leadAt) }, lastDataAt: enc(a.lastDataAt), anchor: enc(a.anchor), stale: a.stale, keys });
    }
    lines.push({
      plant: l.plant, line: l.line, clock: enc(l.clock), eventTime: enc(l.eventTime), anchor: enc(l.anchor),
      flood: { times: l.flood.times.slice(l.flood.head), inFlood: l.flood.inFlood }, digest: [...l.digest],
      lineEvents: { recent: l.lineEvents.recent.map((r) => ({ ...r })), open: l.lineEvents.open }, assets,
    });
  }
  return { version: 1, book: core.book, wall: enc(core.wall), lines };
}

/**
 * Rebuilds engine state from a snapshot (parsed JSON, or a live `toSnapshot()`: nothing mutable is
 * shared). Pending deadlines are scheduled again from the state they derive from.
 */
export function decodeSnapshot(snap: EngineSnapshot, book: PolicyBook | undefined): EngineCore {
  if (snap.version !== 1) throw new Error(`unsupported engine snapshot version ${String(snap.version)}`);
  const s = snap;
  const core = new EngineCore(book ?? s.book);
  core.wall = dec(s.wall);
  for (const ls of s.lines) {
    const l = core.lineOf(ls.plant, ls.line);
    l.clock = dec(ls.clock);
    l.eventTime = dec(ls.eventTime);
    l.anchor = dec(ls.anchor);
    l.flood.times = [...ls.flood.times];
    l.flood.inFlood = ls.flood.inFlood;
    for (const id of ls.digest) l.digest.add(id);
    l.lineEvents.recent = ls.lineEvents.recent.map((r) => ({ ...r }));
    l.lineEvents.open = ls.lineEvents.open;
    for (const as of ls.assets) {
      const a = core.assetOf(l, as.asset);
      a.oos = as.oos;
      if (a.oos) core.outOfService.add(a);
      a.group = { groupId: as.group.groupId, leadAt: dec(as.group.leadAt) };
      a.lastDataAt = dec(as.lastDataAt);
      a.anchor = dec(as.anchor);
      a.stale = as.stale;
      for (const ks of as.keys) {
        const k = core.keyOf(a, ks.model, ks.label);
        k.newestTs = dec(ks.newestTs ?? null);
        if (!('cond' in ks)) continue;
        const p = core.policyOf(k);
        Object.assign(k, {
          cond: { ...ks.cond }, above: ks.above, pendingCount: ks.pendingCount, pendingPeak: ks.pendingPeak, seq: ks.seq, raises: ks.raises ?? 0,
          alert: copyAlertOrNull(ks.alert), ended: copyAlertOrNull(ks.ended), chatter: { ...ks.chatter, raises: [...ks.chatter.raises] }, shelf: ks.shelf,
        });
        if (k.alert) l.open++;
        k.trust = { confirmed: ks.trust.confirmed, falseAlarm: ks.trust.falseAlarm, unsure: ks.trust.unsure, answers: new Map(ks.trust.answers) };
        if (k.shelf?.until != null) core.shelved.add(k);
        const off = offDelayDeadline(k.cond, p);
        if (off !== null) core.schedule(l, off, 'off_delay', k, ++k.offToken);
        const rel = releaseAt(k.chatter, p);
        if (rel !== null) core.schedule(l, rel, 'chatter_release', k, ++k.chatterToken);
      }
    }
    const next = l.flood.nextCheckAt(l.policy);
    if (next !== null) core.schedule(l, next, 'flood_check', l, ++l.floodToken);
  }
  return core;
}
