import type { Alert, AlertChangeKind } from '../../src/protocol/alert.ts';
import { announce, floodCheck, holdFor, type Lead, markAnnunciated, represent } from './annunciation.ts';
import { PRIORITY_RANK } from '../../src/protocol/common.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { newAlert, snapshotOf } from './alerts.ts';
import { recordRaise, release, releaseAt } from './chattering.ts';
import { completeOffDelay, stepCondition } from './condition.ts';
import type { EngineCore } from './core.ts';
import { joinAssetGroup, joinLineEvent } from './grouping.ts';
import type { Timer } from './heap.ts';
import { decidePriority, lowerPriority } from './priority.ts';
import type { KeyState, LineState } from './state.ts';
import { deriveState, endsWhenInactive } from './states.ts';
import { trustView } from './trust.ts';

/**
 * One inference result through the alarm-engine steps, at event time `r.ts`. Deadlines of the line due
 * by then fire first, so the outcome is the same however results are batched or ticks interleaved.
 */
export function onResult(core: EngineCore, r: InferenceResult): void {
  const l = core.lineOf(r.plant, r.line);
  const asset = core.assetOf(l, r.asset);
  const k = core.keyOf(asset, r.model.name, r.label ?? 'anomaly');
  const p = core.policyOf(k);

  if (r.ts > l.eventTime) l.eventTime = r.ts;
  l.anchor = Math.max(core.wall, l.eventTime);
  if (r.ts > asset.lastDataAt) asset.lastDataAt = r.ts;
  asset.anchor = Math.max(core.wall, asset.lastDataAt);
  if (asset.stale) {
    asset.stale = false;
    core.emitAsset(asset, 'fresh', Math.max(core.wall, r.ts), { lastDataAt: asset.lastDataAt });
  }
  // The edge is alive (above), but a result older than the newest one its key applied must not undo
  // what that one established (e.g. return a live alert to normal): it is taken and changes nothing.
  if (r.ts < k.newestTs) {
    core.out.push({ type: 'ignored', reason: 'late', at: l.clock, plant: l.plant, line: l.line, key: k.key, resultId: r.id, ts: r.ts, newestTs: k.newestTs });
    return;
  }
  k.newestTs = r.ts;

  advance(core, l, r.ts);
  // A late result is judged at the line's clock: time never runs backwards for an alert.
  const at = r.ts > l.clock ? r.ts : l.clock;
  l.clock = at;

  // The baseline the alarm-load KPI compares against: a plain, stateless "score ≥ threshold → notify"
  // rule notifies on every such result (no delays, no deadband, no one-alert-per-key).
  const above = r.score >= r.threshold;
  if (above) core.out.push({ type: 'crossing', at, plant: l.plant, line: l.line, key: k.key });
  k.above = above;

  switch (stepCondition(k.cond, r.score, r.threshold, at, p)) {
    case 'idle':
      if (k.pendingCount !== 0) {
        k.pendingCount = 0;
        k.pendingPeak = null;
      }
      return;
    case 'pending':
      k.pendingCount++;
      if (!k.pendingPeak || r.score > k.pendingPeak.score) k.pendingPeak = snapshotOf(r);
      return;
    case 'raise':
      return raise(core, k, r, at);
    case 'hold':
      return update(core, k, r, at);
    case 'below':
      core.schedule(l, at + p.offDelayMs, 'off_delay', k, ++k.offToken);
      return;
    case 'return':
      return returnToNormal(core, k, at);
    default:
      return;
  }
}

/** Fires every timer of the line due at or before event time `to`, in (time, scheduling) order. */
export function advance(core: EngineCore, l: LineState, to: number): void {
  while (l.timers.peekAt() <= to) {
    const t = l.timers.pop()!;
    if (t.at > l.clock) l.clock = t.at;
    fire(core, l, t);
  }
}

function fire(core: EngineCore, l: LineState, t: Timer<KeyState | LineState>): void {
  if (t.kind === 'flood_check') {
    if (t.owner === l && t.token === l.floodToken) floodCheck(core, l, t.at);
    return;
  }
  const k = t.owner as KeyState;
  if (t.kind === 'off_delay') {
    if (t.token !== k.offToken || !k.cond.abnormal || k.cond.belowSince === null) return;
    completeOffDelay(k.cond);
    returnToNormal(core, k, t.at);
  } else if (t.token === k.chatterToken && k.chatter.chattering) {
    releaseChatter(core, k, t.at);
  }
}

/** The condition became abnormal: a new alert, or the key's alert reopened. */
function raise(core: EngineCore, k: KeyState, r: InferenceResult, at: number): void {
  const p = k.policy;
  const l = k.asset.line;
  const snap = snapshotOf(r);
  const pendingPeak = k.pendingPeak && k.pendingPeak.score >= snap.score ? k.pendingPeak : snap;
  const count = k.pendingCount + 1;
  k.pendingCount = 0;
  k.pendingPeak = null;

  let a: Alert;
  let kind: AlertChangeKind = 'reopened';
  let reason: string | null;
  if (k.alert) {
    a = k.alert;
    reason = 'raised again before it was acknowledged';
  } else if (k.ended && k.ended.clearedAt !== null && at - k.ended.clearedAt <= p.reAlarmWindowMs) {
    a = k.ended;
    k.ended = null;
    a.clearedAt = null;
    a.suppression = null; // why it was held back last time is history; decided afresh below
    reason = 'raised again within the re-alarm window';
  } else {
    a = newAlert(k, `${k.key}#${++k.seq}`, r, at, snap);
    kind = 'raised';
    reason = null;
  }
  if (!k.alert) l.open++;
  k.alert = a;
  k.raises++;
  if (pendingPeak.score > a.peak.score || kind === 'raised') a.peak = pendingPeak;
  a.count += count;
  a.last = snap;
  a.lastAt = at;
  a.model = r.model;
  a.active = true;
  a.acknowledged = false;
  a.suggestedPriority = decidePriority(p, r.priority, k.label);
  applyTrust(k, a);

  recordRaise(k.chatter, at, p);
  // Every raise of a chattering key restarts its release time.
  if (k.chatter.chattering) core.schedule(l, releaseAt(k.chatter, p)!, 'chatter_release', k, ++k.chatterToken);
  a.chattering = k.chatter.chattering;
  a.groupId = joinAssetGroup(k.asset.group, a.id, at, p);
  const le = joinLineEvent(l.lineEvents, { at, asset: k.asset.asset, alertId: a.id, inEvent: false }, l.policy);
  a.lineEventId = le.lineEventId;
  a.shelf = k.shelf;

  const hold = holdFor(core, k, a, at);
  core.setSuppression(l, a, hold, at);
  if (hold === null) markAnnunciated(a, at);
  a.state = deriveState(a);
  core.emit(kind, at, a, null, reason);
  announce(core, k, a, at, hold);

  for (const id of le.joined) {
    const other = core.keyOfAlert(id)?.alert;
    if (other && other.id === id && other.lineEventId !== le.lineEventId) {
      other.lineEventId = le.lineEventId;
      core.emit('updated', at, other, null, 'part of a line event');
    }
  }
}

/** Another abnormal result within an active alert: count, last, peak; escalation if the edge asks higher. */
function update(core: EngineCore, k: KeyState, r: InferenceResult, at: number): void {
  const a = k.alert;
  if (!a) return;
  const snap = snapshotOf(r);
  a.count++;
  a.last = snap;
  a.lastAt = at;
  a.model = r.model;
  if (snap.score > a.peak.score) a.peak = snap;
  const p = k.policy;
  if (r.priority !== undefined && p.edgePriority && PRIORITY_RANK[r.priority] > PRIORITY_RANK[a.suggestedPriority]) {
    a.suggestedPriority = r.priority;
    applyTrust(k, a);
    // A worse condition asks for attention again, like HI → HIHI: the escalated alert needs a new
    // acknowledgement and annunciates unless something holds it back (a held one may now be released).
    a.acknowledged = false;
    return represent(core, k, a, at, at, { kind: 'updated', by: null, reason: `escalated to ${r.priority}` });
  }
  core.emit('updated', at, a, null, null);
}

/** The off-delay completed: the alert returns to normal, and ends unless it waits for an acknowledgement. */
export function returnToNormal(core: EngineCore, k: KeyState, at: number): void {
  const a = k.alert;
  if (!a) return;
  a.active = false;
  if (k.shelf && k.shelf.until === null) {
    k.shelf = null;
    a.shelf = null;
    return end(core, k, at, null, 'returned to normal: one-shot shelf ended');
  }
  if (endsWhenInactive(a)) {
    return end(core, k, at, null, a.acknowledged ? 'returned to normal after acknowledgement' : `returned to normal while ${a.suppression}`);
  }
  a.state = deriveState(a);
  core.emit('returned', at, a, null, null);
}

/** Ends the key's current alert ('cleared'); it stays the key's last alert for re-alarm and feedback. */
export function end(core: EngineCore, k: KeyState, at: number, by: string | null, reason: string): void {
  const a = k.alert;
  if (!a) return;
  a.active = false;
  a.clearedAt = at;
  a.state = 'normal';
  const l = k.asset.line;
  if (l.digest.delete(a.id)) core.emitConsole(l, at);
  k.alert = null;
  l.open--;
  k.ended = a;
  core.emit('cleared', at, a, by, reason);
}

/** Priority after trust: demoted one step when operators mostly answered "false alarm" (never critical). */
export function applyTrust(k: KeyState, a: Alert): void {
  a.trust = trustView(k.trust, k.policy, a.suggestedPriority === 'critical');
  a.priority = a.trust?.demoted ? lowerPriority(a.suggestedPriority) : a.suggestedPriority;
}

function releaseChatter(core: EngineCore, k: KeyState, at: number): void {
  release(k.chatter);
  if (k.ended) k.ended.chattering = false;
  const a = k.alert;
  if (!a) return;
  a.chattering = false;
  const lead: Lead = { kind: 'released', by: null, reason: 'chattering: stable for the release time' };
  // Only an alert chattering held back is decided again; a critical one was annunciated all along.
  if (a.suppression === 'chattering') return represent(core, k, a, at, at, lead);
  core.emit(lead.kind, at, a, lead.by, lead.reason);
}
