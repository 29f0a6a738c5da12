import type { QueryClient } from '@tanstack/react-query';
import type { CommandAck, OperatorCommandInput } from '../protocol/commands.ts';
import { BROWSER_SOCKET_EVENTS } from '../protocol/socket-events.ts';
import type { BrowserSocket } from './browser-socket.ts';
import { commandOutcomeKey, type CommandOutcome } from './command-outcome.ts';
import type { Outbox } from './command-outbox.ts';
import { parseOrDrop } from './dropped-events.ts';

export const ACK_TIMEOUT_MS = 8000;

/**
 * Operator commands over the bridge's socket: sent at once when connected, otherwise kept in the
 * outbox (IndexedDB) and sent in order after the next connect. Outcomes go into the query cache.
 */
export class CommandSender {
  private draining = false;
  private readonly qc: QueryClient;
  private readonly outbox: Outbox;
  private readonly socket: () => BrowserSocket | null;
  private readonly onQueued: (count: number) => void;

  constructor(qc: QueryClient, outbox: Outbox, socket: () => BrowserSocket | null, onQueued: (count: number) => void) {
    this.qc = qc;
    this.outbox = outbox;
    this.socket = socket;
    this.onQueued = onQueued;
    void outbox.list().then((l) => onQueued(l.length), () => undefined);
  }

  async send(command: OperatorCommandInput): Promise<CommandOutcome> {
    const s = this.socket();
    if (!s?.connected) return this.enqueue(command);
    const ack = await this.ask(s, command);
    return ack ? this.record(command.commandId, ack) : this.enqueue(command);
  }

  /**
   * Sends one command; undefined when no readable answer came (timeout, or an answer not matching the
   * protocol, counted as dropped). Either way it stays for a resend, which the relay answers with
   * its first answer to that command id, so nothing runs twice.
   */
  private async ask(s: BrowserSocket, command: OperatorCommandInput): Promise<CommandAck | undefined> {
    let raw: unknown;
    try {
      raw = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('command', command);
    } catch {
      return undefined;
    }
    return parseOrDrop(this.qc, 'command answer', BROWSER_SOCKET_EVENTS.command.answer, raw);
  }

  private async enqueue(command: OperatorCommandInput): Promise<CommandOutcome> {
    await this.outbox.add(command);
    this.onQueued((await this.outbox.list()).length);
    // The link may have come back while we were writing.
    if (this.socket()?.connected) void this.drain();
    return { status: 'queued' };
  }

  private record(commandId: string, ack: CommandAck): CommandOutcome {
    const outcome: CommandOutcome = ack.status === 'done' ? { status: 'done' } : { status: 'refused', code: ack.code, reason: ack.reason };
    this.qc.setQueryData(commandOutcomeKey(commandId), outcome);
    return outcome;
  }

  /** Sends queued commands in order; stops at the first one without an answer. True when one was refused. */
  async drain(): Promise<boolean> {
    if (this.draining) return false;
    this.draining = true;
    let refused = false;
    try {
      for (const command of await this.outbox.list()) {
        const s = this.socket();
        if (!s?.connected) break;
        const ack = await this.ask(s, command);
        if (!ack) break;
        refused ||= this.record(command.commandId, ack).status === 'refused';
        await this.outbox.remove(command.commandId);
      }
    } finally {
      this.draining = false;
      this.onQueued((await this.outbox.list()).length);
    }
    return refused;
  }
}
