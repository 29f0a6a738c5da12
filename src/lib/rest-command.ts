import { CommandAck, type OperatorCommandInput } from '../protocol/commands.ts';
import { api } from './api.ts';

type WithoutId<T> = T extends unknown ? Omit<T, 'commandId'> : never;

/** A v4 UUID, also where `crypto.randomUUID` is missing (plain-HTTP origins other than localhost). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Sends an operator command over REST (`POST /api/v1/commands`, the same handler as the socket) for
 * desk pages that do not keep a live socket. A refusal throws ApiError with the reason.
 */
export function postCommand(command: WithoutId<OperatorCommandInput>): Promise<CommandAck> {
  return api('/api/v1/commands', CommandAck, { method: 'POST', body: { ...command, commandId: uuid() } });
}
