import type { RefusalCode } from '../../src/protocol/refusal.ts';

/**
 * A refusal thrown while answering a socket event or handshake. socket.io hands a middleware error's
 * `data` to the browser's `connect_error`, so the code reaches the client with the message.
 */
export class RefusedError extends Error {
  readonly code: RefusalCode;
  readonly data: { code: RefusalCode };
  constructor(code: RefusalCode, message: string) {
    super(message);
    this.code = code;
    this.data = { code };
  }
}

/** The `refused` acknowledgement of an error thrown while answering: its own code, else internal. */
export function refusedAck(err: unknown): { status: 'refused'; code: RefusalCode; reason: string } {
  if (err instanceof RefusedError) return { status: 'refused', code: err.code, reason: err.message };
  return { status: 'refused', code: 'internal', reason: `error: ${(err as Error).message}` };
}
