import type { QueryClient } from '@tanstack/react-query';
import type { CommandAck, OperatorCommandInput } from '../protocol/commands.ts';
import type { BrowserSocket } from './browser-socket.ts';
import { commandOutcomeKey, type CommandOutcome } from './command-outcome.ts';
import type { Outbox } from './command-outbox.ts';

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
    try {
      const ack = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('command', command);
      return this.record(command.commandId, ack);
    } catch {
      return this.enqueue(command);
    }
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
        let ack: CommandAck;
        try {
          ack = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('command', command);
        } catch {
          break;
        }
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
