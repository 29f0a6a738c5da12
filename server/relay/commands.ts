import { randomUUID } from 'node:crypto';
import { describeIssues } from '../../src/protocol/common.ts';
import { OperatorCommand, type CommandAck } from '../../src/protocol/commands.ts';
import type { RefusalCode } from '../../src/protocol/refusal.ts';
import type { Me } from '../../src/protocol/session.ts';
import { BROWSER_SOCKET_EVENTS } from '../../src/protocol/socket-events.ts';
import { atLeast, inScope } from '../auth/scope.ts';
import type { Alert } from '../../src/protocol/alert.ts';
import type { AlarmEngine } from '../engine/engine.ts';
import type { Actor, CommandOutcome } from '../engine/types.ts';
import type { Store } from '../store/store.ts';
import { AuditBudget } from './audit-budget.ts';
import type { EngineHost } from './engine-host.ts';

export interface CommandDeps {
  store: Store;
  host: EngineHost;
  engine: AlarmEngine;
  clock: () => number;
  owns: (plant: string, line: string) => boolean;
  /** Runs a command on the relay instance that owns the alert's line (scale-out). */
  forward: (cmd: OperatorCommand, actor: Actor) => Promise<CommandOutcome>;
  /** Bounds the audit entries of refused commands per person (shared by REST and sockets: see `refusedCommandBudget`). */
  refusedAudit: AuditBudget;
}

/** The bound on refused-command audit entries: `perMinute` per person, then one summary of the rest. */
export function refusedCommandBudget(store: Pick<Store, 'audit'>, opts: { perMinute: number; clock: () => number; onError: (err: unknown) => void }): AuditBudget {
  return new AuditBudget(store, {
    perWindow: opts.perMinute, clock: opts.clock, onError: opts.onError,
    summary: (actor, n, window, now) => ({
      at: now, actor, action: 'command.refused.suppressed', target: actor,
      detail: { suppressed: n, from: window.from, to: window.to, message: `${n} more refused commands suppressed` },
    }),
  });
}

/**
 * Handles an operator command from a browser: validate, authorise role and scope on the server,
 * answer a repeated command id with its first answer, run it through the engine, then store the
 * label (for feedback) and the audit entry.
 */
export function createCommandHandler(deps: CommandDeps) {
  // A resend can arrive while the first send is still being handled (an outbox flushing on reconnect):
  // the second waits for the first, then gets its stored answer instead of running again.
  const inFlight = new Map<string, Promise<CommandAck>>();
  const { role, denied } = BROWSER_SOCKET_EVENTS.command;
  return Object.assign(handle, { refused });

  async function handle(me: Me, raw: unknown): Promise<CommandAck> {
    const id = typeof (raw as { commandId?: unknown } | null)?.commandId === 'string' ? (raw as { commandId: string }).commandId.slice(0, 64) : '';
    while (inFlight.has(id)) await inFlight.get(id)!.catch(() => undefined);
    const run = handleOnce(me, raw);
    if (id) inFlight.set(id, run);
    try {
      return await run;
    } finally {
      if (inFlight.get(id) === run) inFlight.delete(id);
    }
  }

  /** A refusal of a well-formed command decided before it ran (the socket's declared role check): audited like every other. */
  async function refused(me: Me, cmd: OperatorCommand, code: RefusalCode, reason: string): Promise<CommandAck> {
    return refuseAudited(me, cmd, await targetOf(cmd), code, reason);
  }

  async function targetOf(cmd: OperatorCommand): Promise<Target | undefined> {
    return 'alertId' in cmd ? (deps.engine.alert(cmd.alertId) ?? (await deps.store.alert(cmd.alertId)) ?? undefined) : cmd;
  }

  async function refuseAudited(me: Me, cmd: OperatorCommand, target: Target | undefined, code: RefusalCode, reason: string): Promise<CommandAck> {
    // Every refusal of a well-formed command is a security-relevant event: audited whatever the reason,
    // but bounded per person, and an alert id that names no alert is not stored as the target.
    const named = target ? { target: targetName(cmd), detail: { reason } }
      : { target: '(unverified)', detail: { reason: printable(reason), requested: printable('alertId' in cmd ? cmd.alertId : '') } };
    await deps.refusedAudit.record(me.username, { at: deps.clock(), actor: me.username, action: `${cmd.type}.refused`, ...named });
    return { status: 'refused', commandId: cmd.commandId, code, reason };
  }

  async function handleOnce(me: Me, raw: unknown): Promise<CommandAck> {
    const parsed = OperatorCommand.safeParse(raw);
    const rawId = (raw as { commandId?: unknown } | null)?.commandId;
    const commandId = typeof rawId === 'string' ? rawId.slice(0, 64) : undefined;
    if (!parsed.success) return { status: 'refused', commandId, code: 'invalid', reason: `invalid: ${describeIssues(parsed.error)}` };
    const cmd = parsed.data;
    const target = await targetOf(cmd);
    const refuse = (code: RefusalCode, reason: string) => refuseAudited(me, cmd, target, code, reason);
    // The declared role (src/protocol/socket-events.ts), checked here too for REST, which shares this handler.
    if (!atLeast(me.role, role)) return refuse('forbidden', `forbidden: ${me.role}s cannot ${denied}`);
    // An alert outside the scope is answered as one that does not exist, so its existence does not leak.
    const missing = `not found: no open alert ${'alertId' in cmd ? cmd.alertId : ''}`;
    if (!target) return refuse('not_found', missing);
    if (!inScope(me.scopes, target.plant, target.line)) return 'alertId' in cmd ? refuse('not_found', missing) : refuse('forbidden', 'forbidden: this asset is outside your scope');
    // Authorised first, then idempotent: a repeated id gets its first answer, and only its own sender does.
    const earlier = await deps.store.commandAnswer(cmd.commandId);
    if (earlier && earlier.username !== me.username) return refuse('conflict', 'conflict: this command id was already used by someone else');
    if (earlier) return JSON.parse(earlier.answer) as CommandAck;
    const actor = { user: me.username, role: me.role };
    const outcome = deps.owns(target.plant, target.line) ? await deps.host.command(cmd, actor) : await deps.forward(cmd, actor);
    if (!outcome.ok) return refuse(outcome.code, outcome.reason);
    const at = deps.clock();
    if (cmd.type === 'feedback') {
      const alert = deps.engine.alert(cmd.alertId) ?? (await deps.store.alert(cmd.alertId)) ?? (target as Alert);
      await deps.store.addLabel({
        id: randomUUID(), alertId: alert.id, key: alert.key, plant: alert.plant, line: alert.line, asset: alert.asset,
        model: alert.model, label: alert.label, answer: cmd.answer, reasons: cmd.reasons, note: cmd.note ?? null,
        by: { user: me.username, role: me.role }, at, alertState: alert.state,
        resultIds: await deps.store.resultIdsBetween(alert, alert.raisedAt, alert.lastAt), snapshot: alert.peak,
      });
    }
    const { commandId: _id, type, ...detail } = cmd;
    await deps.store.audit([{ at, actor: me.username, action: type, target: targetName(cmd), detail: { ...detail, commandId: cmd.commandId } }]);
    const answer: CommandAck = { status: 'done', commandId: cmd.commandId };
    await deps.store.saveCommandAnswer(cmd.commandId, me.username, at, JSON.stringify(answer));
    return answer;
  }
}

/** Text someone else chose, safe to store and show: printable ASCII with the rest escaped, at most 200 characters. */
function printable(text: string): string {
  const cut = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return cut.replace(/[^\x20-\x7e…]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a command acts on: an alert, or an asset named by plant, line and asset. */
type Target = { plant: string; line: string };

function targetName(cmd: OperatorCommand): string {
  return 'alertId' in cmd ? cmd.alertId : `${cmd.plant}/${cmd.line}/${cmd.asset}`;
}
