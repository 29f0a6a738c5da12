import type { AlertChange } from '../../src/protocol/alert.ts';
import type { DriftReport, HeldBack, KeyTrust, ModelTrust, OutOfServiceAsset, ShelvedKey } from '../../src/protocol/kpi.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { AlarmPolicy } from '../../src/protocol/policy.ts';
import type { KpiChange } from '../store/kpi-queries.ts';
import type { DriftRow } from '../store/kpi-queries.ts';

/** "Held back": what a plain `score ≥ threshold` rule would have sent next to what was annunciated, and why not. */
export function heldBack(changes: readonly KpiChange[], crossings: { key: string; count: number }[], reasons: HeldBack['reasons'], range: { from: number; to: number }): HeldBack {
  const inRange = (t: number) => t >= range.from && t < range.to;
  const ann = new Map<string, number>();
  let raised = 0;
  for (const c of changes) {
    if (!inRange(c.at)) continue;
    if (c.kind === 'annunciated') ann.set(c.alert.key, (ann.get(c.alert.key) ?? 0) + 1);
    if (c.kind === 'raised' || c.kind === 'reopened') raised++;
  }
  const keys = new Map<string, { key: string; crossings: number; annunciations: number }>();
  for (const c of crossings) keys.set(c.key, { key: c.key, crossings: (keys.get(c.key)?.crossings ?? 0) + c.count, annunciations: ann.get(c.key) ?? 0 });
  for (const [key, n] of ann) if (!keys.has(key)) keys.set(key, { key, crossings: 0, annunciations: n });
  return {
    naiveCrossings: crossings.reduce((s, c) => s + c.count, 0),
    annunciations: [...ann.values()].reduce((s, n) => s + n, 0),
    raised,
    reasons: [...reasons].sort((a, b) => b.alerts - a.alerts || a.reason.localeCompare(b.reason)),
    keys: [...keys.values()].sort((a, b) => b.crossings - a.crossings || b.annunciations - a.annunciations || a.key.localeCompare(b.key)).slice(0, 10),
  };
}

type Counts = { confirmed: number; falseAlarm: number; unsure: number };
const FIELD = { real: 'confirmed', false_alarm: 'falseAlarm', not_sure: 'unsure' } as const;

/**
 * Trust per alarm key and model version, from the latest label of each alert (as the engine counts it),
 * with the demotion level of the policy in force for that key's plant, line and model.
 */
export function trustOf(labels: readonly LabelRecord[], policy: (l: LabelRecord) => AlarmPolicy, demoted: Map<string, { demoted: boolean }>): { keys: KeyTrust[]; models: ModelTrust[] } {
  const byKey = new Map<string, { first: LabelRecord; counts: Counts; last: number }>();
  for (const l of labels) {
    const id = `${l.key}\u0000${l.model.version}`;
    const e = byKey.get(id) ?? { first: l, counts: { confirmed: 0, falseAlarm: 0, unsure: 0 }, last: 0 };
    e.counts[FIELD[l.answer]]++;
    e.last = Math.max(e.last, l.at);
    byKey.set(id, e);
  }
  const keys: KeyTrust[] = [];
  for (const { first: l, counts, last } of byKey.values()) {
    const p = policy(l);
    const n = counts.confirmed + counts.falseAlarm;
    const precision = n >= p.trustMinAnswers && n > 0 ? counts.confirmed / n : null;
    keys.push({
      key: l.key, plant: l.plant, line: l.line, asset: l.asset, label: l.label, model: l.model.name, version: l.model.version,
      ...counts, n, precision, reviewSuggested: precision !== null && precision < p.trustDemoteBelow,
      demoted: demoted.get(l.key)?.demoted ?? false, minAnswers: p.trustMinAnswers, demoteBelow: p.trustDemoteBelow, lastAnswerAt: last,
    });
  }
  keys.sort((a, b) => (a.precision ?? 2) - (b.precision ?? 2) || b.n - a.n || a.key.localeCompare(b.key));
  const byModel = new Map<string, ModelTrust>();
  for (const k of keys) {
    const id = `${k.model}\u0000${k.version}`;
    const m = byModel.get(id) ?? { model: k.model, version: k.version, keys: 0, confirmed: 0, falseAlarm: 0, unsure: 0, n: 0, precision: null };
    m.keys++;
    m.confirmed += k.confirmed;
    m.falseAlarm += k.falseAlarm;
    m.unsure += k.unsure;
    m.n += k.n;
    m.precision = m.n ? m.confirmed / m.n : null;
    byModel.set(id, m);
  }
  return { keys, models: [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model) || a.version.localeCompare(b.version)) };
}

interface Acc {
  sum: number;
  n: number;
  max: number;
  last: number;
}
const acc = (): Acc => ({ sum: 0, n: 0, max: -Infinity, last: 0 });
const add = (a: Acc, v: number) => {
  a.sum += v;
  a.n++;
  a.max = Math.max(a.max, v);
  a.last = v;
};
const stat = (a: Acc) => ({ mean: a.n ? a.sum / a.n : 0, max: a.n ? a.max : 0, last: a.last });

/** Drift per model version: overall score (mean, max, latest, series) and per feature, most drifted first. */
export function driftOf(rows: readonly DriftRow[], range: { from: number; to: number }, bucketMs: number, sampled: boolean): DriftReport {
  const models = new Map<string, { model: string; version: string; score: Acc; buckets: Map<number, Acc>; features: Map<string, Acc> }>();
  for (const r of rows) {
    const id = `${r.model}\u0000${r.version}`;
    let m = models.get(id);
    if (!m) models.set(id, (m = { model: r.model, version: r.version, score: acc(), buckets: new Map(), features: new Map() }));
    if (!Number.isFinite(r.drift.score)) continue;
    add(m.score, r.drift.score);
    const b = range.from + Math.floor((r.ts - range.from) / bucketMs) * bucketMs;
    const ba = m.buckets.get(b) ?? acc();
    add(ba, r.drift.score);
    m.buckets.set(b, ba);
    for (const [f, v] of Object.entries(r.drift.features ?? {})) {
      const fa = m.features.get(f) ?? acc();
      add(fa, v);
      m.features.set(f, fa);
    }
  }
  return {
    range, bucketMs, sampled,
    models: [...models.values()].map((m) => ({
      model: m.model, version: m.version, results: m.score.n, score: stat(m.score),
      series: [...m.buckets].sort((a, b) => a[0] - b[0]).map(([start, a]) => ({ start, mean: stat(a).mean, max: stat(a).max })),
      features: [...m.features].map(([feature, a]) => ({ feature, ...stat(a) })).sort((a, b) => b.mean - a.mean).slice(0, 50),
    })),
  };
}

/** Assets out of service now, from the audit trail of the commands (latest command per asset wins). */
export function outOfServiceNow(entries: { at: number; actor: string; action: string; target: string; detail: Record<string, unknown> }[], now: number): OutOfServiceAsset[] {
  const latest = new Map<string, (typeof entries)[number]>();
  for (const e of entries) latest.set(e.target, e);
  const out: OutOfServiceAsset[] = [];
  for (const e of latest.values()) {
    const d = e.detail;
    if (e.action !== 'out_of_service' || typeof d.until !== 'number' || d.until <= now) continue;
    out.push({ plant: String(d.plant), line: String(d.line), asset: String(d.asset), by: e.actor, reason: String(d.reason ?? ''), at: e.at, until: d.until });
  }
  return out.sort((a, b) => a.until - b.until);
}

/**
 * Shelves in force now, from shelve/unshelve changes newest first: the latest of each alert decides.
 * A timed shelf holds until it expires (on the key, even after its alert ended); a one-shot shelf
 * only while its alert has not ended (`open` tells which alerts have not).
 */
export function shelvedNow(newestFirst: readonly AlertChange[], open: ReadonlySet<string>, now: number): ShelvedKey[] {
  const decided = new Set<string>();
  const out: ShelvedKey[] = [];
  for (const c of newestFirst) {
    if ((c.kind !== 'shelved' && c.kind !== 'unshelved') || decided.has(c.alert.id)) continue;
    decided.add(c.alert.id);
    const shelf = c.alert.shelf;
    if (c.kind !== 'shelved' || !shelf) continue;
    const ended = !open.has(c.alert.id);
    if (shelf.until === null ? ended : shelf.until <= now) continue;
    const a = c.alert;
    out.push({ alertId: a.id, key: a.key, plant: a.plant, line: a.line, asset: a.asset, priority: a.priority, by: shelf.by, reason: shelf.reason, at: shelf.at, until: shelf.until, ended });
  }
  return out;
}
