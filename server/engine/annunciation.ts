import type { Alert, AlertChangeKind, SuppressionReason } from '../../src/protocol/alert.ts';
import type { EngineCore } from './core.ts';
import { demotionSilences, floodHolds } from './priority.ts';
import type { KeyState, LineState } from './state.ts';
import { deriveState, holdReason } from './states.ts';

// Annunciation: whether an alert asks for attention now, or is held back and why, and the console's
// flood state that decision depends on.

/** Why the alert would be held back if it annunciated at line time `lt` (prunes flood first). */
export function holdFor(core: EngineCore, k: KeyState, a: Alert, lt: number): SuppressionReason | null {
  const l = k.asset.line;
  pruneFlood(core, l, lt);
  const p = k.policy;
  return holdReason({
    outOfService: k.asset.oos !== null,
    shelved: k.shelf !== null,
    byDesign: p.suppressedByDesign || p.suppressedLabels.includes(k.label),
    critical: a.suggestedPriority === 'critical',
    chattering: k.chatter.chattering,
    demotedSilent: (a.trust?.demoted ?? false) && demotionSilences(a.suggestedPriority, p),
    flood: l.flood.inFlood && floodHolds(a.priority),
  });
}

export function markAnnunciated(a: Alert, at: number): void {
  a.annunciatedAt = at;
  a.annunciations++;
}

/** After the state event: 'annunciated' (counted for flood) or 'suppressed' with its reason. */
export function announce(core: EngineCore, k: KeyState, a: Alert, at: number, hold: SuppressionReason | null, lt = at): void {
  const l = k.asset.line;
  if (hold !== null) {
    core.emit('suppressed', at, a, null, hold);
    return;
  }
  core.emit('annunciated', at, a, null, null);
  if (l.flood.push(lt, l.policy)) {
    core.emitConsole(l, at);
    scheduleFloodCheck(core, l);
  }
}

/** The state event that precedes a new annunciation decision (who did what, why). */
export interface Lead {
  kind: AlertChangeKind;
  by: string | null;
  reason: string | null;
}

/**
 * Decides again whether an existing alert annunciates (after unshelve, return to service, chattering
 * release, escalation, policy change): the decision is made first, so the `lead` event already shows
 * it; then 'annunciated', or 'suppressed' when the reason changed. `at` is the event's time, `lt` the
 * same moment on the line's event clock.
 */
export function represent(core: EngineCore, k: KeyState, a: Alert, at: number, lt: number, lead: Lead | null): void {
  const before = a.suppression;
  const hold = holdFor(core, k, a, lt);
  core.setSuppression(k.asset.line, a, hold, at);
  const annunciate = hold === null && a.active && !a.acknowledged;
  if (annunciate) markAnnunciated(a, at);
  a.state = deriveState(a);
  if (lead) core.emit(lead.kind, at, a, lead.by, lead.reason);
  if (annunciate) announce(core, k, a, at, null, lt);
  else if (hold !== null && hold !== before) core.emit('suppressed', at, a, null, hold);
}

function scheduleFloodCheck(core: EngineCore, l: LineState): void {
  const next = l.flood.nextCheckAt(l.policy);
  if (next !== null) core.schedule(l, next, 'flood_check', l, ++l.floodToken);
}

export function floodCheck(core: EngineCore, l: LineState, at: number): void {
  pruneFlood(core, l, at);
  if (l.flood.inFlood) scheduleFloodCheck(core, l);
}

/** Drops old annunciations; when the console leaves flood, its digest is released to the list. */
export function pruneFlood(core: EngineCore, l: LineState, at: number): void {
  if (!l.flood.prune(at, l.policy)) return;
  l.floodToken++;
  for (const id of [...l.digest]) {
    const a = core.keyOfAlert(id)?.alert;
    if (!a || a.id !== id) continue;
    a.suppression = null;
    a.state = deriveState(a);
    core.emit('released', at, a, null, 'flood ended');
  }
  l.digest.clear();
  core.emitConsole(l, at);
}
