import type { AlertChangeKind } from '../../src/protocol/alert.ts';
import type { Priority } from '../../src/protocol/common.ts';
import { FloodCounter, type FloodLimits } from './flood.ts';

const TEN_MIN = 600_000;
const HOUR = 3_600_000;
const STALE_MS = 24 * HOUR;

/** What the KPI needs of a stored alert change (an `AlertChange` fits). */
export interface ChangeLike {
  kind: AlertChangeKind;
  at: number;
  alert: { id: string; key: string; plant: string; line: string; priority: Priority; active: boolean; chattering: boolean; annunciatedAt: number | null };
}

/** A naive `score ≥ threshold` crossing, as the engine's `crossing` events carry it. */
export interface CrossingLike {
  at: number;
  plant: string;
  line: string;
  key: string;
}

export interface Bucket {
  start: number;
  count: number;
}

/** Load of one console (line) over the range. */
export interface ConsoleLoad {
  plant: string;
  line: string;
  annunciations: number;
  max10Min: number;
  floodMs: number;
  floodPct: number;
}

/** Alarm-load figures against the ISA-18.2 / EEMUA 191 targets (docs/design.md). Times in ms. */
export interface AlarmLoad {
  range: { from: number; to: number };
  annunciations: number;
  /** Buckets from `range.from` on, each 10 min / 1 h (the last one may be cut by `range.to`). */
  per10Min: Bucket[];
  perHour: Bucket[];
  /** Most annunciations in any 10-minute window, per console (sliding). */
  max10Min: number;
  /** Mean over consoles with annunciations of each console's % of time in flood. */
  floodPct: number;
  consoles: ConsoleLoad[];
  /** The 10 keys with most annunciations, and their share of all annunciations (0..1). */
  top: { key: string; count: number; share: number }[];
  top10Share: number;
  /** Alerts that were chattering at some change in the range. */
  chattering: number;
  /** Alerts active for more than 24 h within the range. */
  stale: number;
  priorities: Record<Priority, { count: number; share: number }>;
  meanTimeToAckMs: number | null;
  acknowledged: number;
  naiveCrossings: number;
}

/** Flood limits per console: one policy for all, or a resolver per plant/line. */
export type FloodPolicy = FloodLimits | ((plant: string, line: string) => FloodLimits);

/**
 * Alarm load over [from, to) from stored alert changes and naive crossings, computed only from events,
 * so a dashboard and a test get the same figures from the same store. Flood time is found by running
 * the engine's own FloodCounter over each console's annunciations (pass changes from at least one flood
 * window before `from` to get flood that started earlier).
 */
export function alarmLoad(changes: readonly ChangeLike[], crossings: readonly CrossingLike[], range: { from: number; to: number }, policy: FloodPolicy): AlarmLoad {
  const { from, to } = range;
  const inRange = (t: number) => t >= from && t < to;
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const ann = sorted.filter((c) => c.kind === 'annunciated');
  const annIn = ann.filter((c) => inRange(c.at));

  const byConsole = new Map<string, ChangeLike[]>();
  for (const c of ann) {
    const id = `${c.alert.plant}/${c.alert.line}`;
    const list = byConsole.get(id);
    if (list) list.push(c);
    else byConsole.set(id, [c]);
  }
  const consoles: ConsoleLoad[] = [];
  for (const list of byConsole.values()) {
    const { plant, line } = list[0]!.alert;
    const lim = typeof policy === 'function' ? policy(plant, line) : policy;
    const times = list.map((c) => c.at);
    const inside = times.filter(inRange);
    const floodMs = floodTime(times, lim, from, to);
    consoles.push({ plant, line, annunciations: inside.length, max10Min: maxInWindow(inside, TEN_MIN), floodMs, floodPct: pct(floodMs, to - from) });
  }
  const counted = consoles.filter((c) => c.annunciations > 0);

  const perKey = new Map<string, number>();
  for (const c of annIn) perKey.set(c.alert.key, (perKey.get(c.alert.key) ?? 0) + 1);
  const total = annIn.length;
  const top = [...perKey]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([key, count]) => ({ key, count, share: count / total }));

  const priorities = { low: { count: 0, share: 0 }, medium: { count: 0, share: 0 }, high: { count: 0, share: 0 }, critical: { count: 0, share: 0 } };
  for (const c of annIn) priorities[c.alert.priority].count++;
  for (const p of Object.values(priorities)) p.share = total ? p.count / total : 0;

  let ackSum = 0;
  let acked = 0;
  for (const c of sorted) {
    if (c.kind !== 'acknowledged' || !inRange(c.at) || c.alert.annunciatedAt === null || c.alert.annunciatedAt > c.at) continue;
    ackSum += c.at - c.alert.annunciatedAt;
    acked++;
  }

  return {
    range: { from, to },
    annunciations: total,
    per10Min: buckets(annIn.map((c) => c.at), from, to, TEN_MIN),
    perHour: buckets(annIn.map((c) => c.at), from, to, HOUR),
    max10Min: Math.max(0, ...consoles.map((c) => c.max10Min)),
    floodPct: counted.length ? counted.reduce((s, c) => s + c.floodPct, 0) / counted.length : 0,
    consoles,
    top,
    top10Share: total ? top.reduce((s, t) => s + t.count, 0) / total : 0,
    chattering: new Set(sorted.filter((c) => inRange(c.at) && c.alert.chattering).map((c) => c.alert.id)).size,
    stale: staleCount(sorted, from, to),
    priorities,
    meanTimeToAckMs: acked ? ackSum / acked : null,
    acknowledged: acked,
    naiveCrossings: crossings.filter((c) => inRange(c.at)).length,
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

function buckets(times: number[], from: number, to: number, size: number): Bucket[] {
  const out: Bucket[] = [];
  for (let s = from; s < to; s += size) out.push({ start: s, count: 0 });
  for (const t of times) out[Math.floor((t - from) / size)]!.count++;
  return out;
}

/** Most times falling in any window [t, t + size) — enough to check windows starting at each time. */
export function maxInWindow(sortedTimes: number[], size: number): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < sortedTimes.length; i++) {
    while (j < sortedTimes.length && sortedTimes[j]! < sortedTimes[i]! + size) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

/** Time in flood within [from, to), replaying the engine's flood rule over annunciation times. */
export function floodTime(sortedTimes: number[], lim: FloodLimits, from: number, to: number): number {
  const f = new FloodCounter();
  let since: number | null = null;
  let total = 0;
  const close = (at: number) => {
    if (since !== null) total += Math.max(0, Math.min(at, to) - Math.max(since, from));
    since = null;
  };
  const checksUntil = (t: number) => {
    for (let next = f.nextCheckAt(lim); next !== null && next <= t; next = f.nextCheckAt(lim)) {
      if (f.prune(next, lim)) close(next);
    }
  };
  for (const t of sortedTimes) {
    checksUntil(t);
    if (f.prune(t, lim)) close(t);
    if (f.push(t, lim)) since = t;
  }
  checksUntil(to);
  close(to);
  return total;
}

/** Alerts whose active period (raise to return) lasted more than 24 h inside the range. */
function staleCount(sorted: readonly ChangeLike[], from: number, to: number): number {
  const since = new Map<string, number>();
  const stale = new Set<string>();
  const judge = (id: string, start: number, end: number) => {
    if (start < to && end > from && Math.min(end, to) - start > STALE_MS) stale.add(id);
  };
  for (const c of sorted) {
    const id = c.alert.id;
    const start = since.get(id);
    if (c.alert.active && start === undefined) since.set(id, c.at);
    else if (!c.alert.active && start !== undefined) {
      judge(id, start, c.at);
      since.delete(id);
    }
  }
  for (const [id, start] of since) judge(id, start, to);
  return stale.size;
}
