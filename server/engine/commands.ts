import type { Alert } from '../../src/protocol/alert.ts';
import type { OperatorCommand } from '../../src/protocol/commands.ts';
import type { RefusalCode } from '../../src/protocol/refusal.ts';
import type { EngineCore } from './core.ts';
import { represent } from './annunciation.ts';
import { applyTrust, end } from './lifecycle.ts';
import { refuseRole } from './permissions.ts';
import { makeShelf } from './shelving.ts';
import type { AssetState, KeyState } from './state.ts';
import { deriveState } from './states.ts';
import { recordAnswer } from './trust.ts';
import type { Actor } from './types.ts';

/** Null when done (events are in `core.out`), else the refusal: its code and the reason a person reads. */
export type Refusal = { code: RefusalCode; reason: string } | null;

const refused = (code: RefusalCode, reason: string): Refusal => ({ code, reason });

/** Applies an operator command at relay time `at`, checking the actor's role first. */
export function runCommand(core: EngineCore, cmd: OperatorCommand, actor: Actor, at: number): Refusal {
  const denied = refuseRole(actor.role, cmd.type);
  if (denied) return refused('forbidden', denied);
  switch (cmd.type) {
    case 'acknowledge':
      return acknowledge(core, cmd.alertId, actor, at);
    case 'shelve':
      return shelve(core, cmd, actor, at);
    case 'unshelve':
      return unshelve(core, cmd.alertId, actor, at);
    case 'out_of_service':
      return takeOutOfService(core, cmd, actor, at);
    case 'return_to_service': {
      const asset = core.plants.get(cmd.plant)?.get(cmd.line)?.assets.get(cmd.asset);
      if (!asset?.oos) return refused('conflict', `${cmd.plant}/${cmd.line}/${cmd.asset} is not out of service`);
      returnToService(core, asset, at, actor.user, `returned to service by ${actor.user}`);
      return null;
    }
    case 'feedback':
      return feedback(core, cmd, actor, at);
  }
}

/** The key and current alert of an id, or the reason there is none. */
function current(core: EngineCore, id: string): { k: KeyState; a: Alert } | NonNullable<Refusal> {
  const k = core.keyOfAlert(id);
  if (k?.alert?.id === id) return { k, a: k.alert };
  if (k?.ended?.id === id || (k && Number(id.slice(id.lastIndexOf('#') + 1)) <= k.seq)) return { code: 'conflict', reason: `alert ${id} has already ended` };
  return { code: 'not_found', reason: `no alert ${id}` };
}

function acknowledge(core: EngineCore, id: string, actor: Actor, at: number): Refusal {
  const c = current(core, id);
  if ('code' in c) return c;
  const { k, a } = c;
  if (a.acknowledged) return refused('conflict', `alert ${id} is already acknowledged`);
  a.acknowledged = true;
  a.state = deriveState(a);
  core.emit('acknowledged', at, a, actor.user, null);
  if (!a.active) end(core, k, at, actor.user, 'acknowledged after return to normal');
  return null;
}

function shelve(core: EngineCore, cmd: Extract<OperatorCommand, { type: 'shelve' }>, actor: Actor, at: number): Refusal {
  const c = current(core, cmd.alertId);
  if ('code' in c) return c;
  const { k, a } = c;
  if (k.shelf) return refused('conflict', `alert ${cmd.alertId} is already shelved`);
  const made = makeShelf(cmd, actor.user, actor.role, at, core.policyOf(k));
  if (!made.ok) return refused(made.code, made.reason);
  k.shelf = made.shelf;
  if (made.shelf.until !== null) core.shelved.add(k);
  a.shelf = made.shelf;
  core.setSuppression(k.asset.line, a, k.asset.oos ? 'out_of_service' : 'shelved', at);
  a.state = deriveState(a);
  core.emit('shelved', at, a, actor.user, cmd.reason);
  if (!a.active) {
    // Already back to normal: nothing to wait for. A one-shot shelf is spent; a timed one stays on the key.
    if (made.shelf.until === null) k.shelf = null;
    end(core, k, at, actor.user, 'shelved after return to normal');
  }
  return null;
}

function unshelve(core: EngineCore, id: string, actor: Actor, at: number): Refusal {
  const k = core.keyOfAlert(id);
  if (!k || (k.alert?.id !== id && k.ended?.id !== id)) return refused('not_found', `no alert ${id}`);
  if (!k.shelf) return refused('conflict', `alert ${id} is not shelved`);
  removeShelf(core, k, at, actor.user, `unshelved by ${actor.user}`);
  return null;
}

/**
 * Takes the shelf off a key (unshelve or expiry at relay time `at`). An alert still active comes back
 * unacknowledged and is decided again (it may annunciate, or be held by flood or chattering).
 */
export function removeShelf(core: EngineCore, k: KeyState, at: number, by: string | null, reason: string): void {
  k.shelf = null;
  core.shelved.delete(k);
  if (k.ended?.shelf) {
    k.ended.shelf = null;
    // Only say so for the ended alert when there is no current one to carry the change.
    if (!k.alert) core.emit('unshelved', at, k.ended, by, reason);
  }
  const a = k.alert;
  if (!a) return;
  a.shelf = null;
  if (a.active) a.acknowledged = false;
  represent(core, k, a, at, core.lineTime(k.asset.line, at), { kind: 'unshelved', by, reason });
}

function* keysOfAsset(asset: AssetState): Generator<KeyState> {
  for (const m of asset.keys.values()) yield* m.values();
}

function takeOutOfService(core: EngineCore, cmd: Extract<OperatorCommand, { type: 'out_of_service' }>, actor: Actor, at: number): Refusal {
  const l = core.lineOf(cmd.plant, cmd.line);
  if (cmd.until <= at) return refused('invalid', 'the out-of-service end must be in the future');
  if (cmd.until - at > l.policy.outOfServiceMaxMs) {
    return refused('limit', `out of service may last at most ${Math.round(l.policy.outOfServiceMaxMs / 3_600_000)} h`);
  }
  const asset = core.assetOf(l, cmd.asset);
  const was = asset.oos !== null;
  asset.oos = { by: actor.user, reason: cmd.reason, at, until: cmd.until };
  core.outOfService.add(asset);
  core.emitAsset(asset, 'out_of_service', at, { by: actor.user, reason: cmd.reason, until: cmd.until });
  if (was) return null; // a new end time or reason for an asset already out of service
  for (const k of keysOfAsset(asset)) {
    const a = k.alert;
    if (!a) continue;
    core.setSuppression(l, a, 'out_of_service', at);
    a.state = deriveState(a);
    core.emit('out_of_service', at, a, actor.user, cmd.reason);
    if (!a.active) end(core, k, at, actor.user, 'out of service after return to normal');
  }
  return null;
}

/** Ends an asset's out-of-service period; its active alerts come back unacknowledged. */
export function returnToService(core: EngineCore, asset: AssetState, at: number, by: string | null, reason: string): void {
  asset.oos = null;
  core.outOfService.delete(asset);
  core.emitAsset(asset, 'in_service', at, { by, reason });
  const lt = core.lineTime(asset.line, at);
  for (const k of keysOfAsset(asset)) {
    const a = k.alert;
    if (!a) continue;
    if (a.active) a.acknowledged = false;
    represent(core, k, a, at, lt, { kind: 'returned_to_service', by, reason });
  }
}

function feedback(core: EngineCore, cmd: Extract<OperatorCommand, { type: 'feedback' }>, actor: Actor, at: number): Refusal {
  const k = core.keyOfAlert(cmd.alertId);
  const n = Number(cmd.alertId.slice(cmd.alertId.lastIndexOf('#') + 1));
  if (!k || !Number.isInteger(n) || n < 1 || n > k.seq) return refused('not_found', `no alert ${cmd.alertId}`);
  // One answer per alert per raise: a false alarm that keeps reopening is answered (and counted) each time.
  recordAnswer(k.trust, `${cmd.alertId}/${k.raises}`, cmd.answer);
  core.policyOf(k);
  const reason = [cmd.answer, ...cmd.reasons].join(': ') + (cmd.note ? ` (${cmd.note})` : '');
  if (k.ended) applyTrust(k, k.ended);
  const a = k.alert;
  if (a) {
    const before = a.priority;
    applyTrust(k, a);
    if (a.id !== cmd.alertId && a.priority !== before) core.emit('updated', at, a, null, 'trust changed');
  }
  const target = a?.id === cmd.alertId ? a : k.ended?.id === cmd.alertId ? k.ended : null;
  if (target) core.emit('feedback', at, target, actor.user, reason);
  return null;
}
