import type { BrowserSocket } from '../browser-socket.ts';

type Handler = (...args: unknown[]) => void;

/**
 * A stand-in for the socket.io client: the test plays the relay, answering `subscribe` and
 * `command` through `answer`, and pushing events with `push`.
 */
export class FakeSocket {
  connected = false;
  readonly sent: { event: string; payload: unknown }[] = [];
  private handlers = new Map<string, Handler[]>();
  answer: (event: string, payload: unknown) => unknown | Promise<unknown> = () => ({ status: 'refused', code: 'internal', reason: 'no answer set' });

  on(event: string, h: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** Fire-and-forget events (e.g. `unsubscribe`); dropped while offline, as socket.io would buffer them only until reconnect. */
  emit(event: string, payload: unknown) {
    if (this.connected) this.sent.push({ event, payload });
    return this;
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: unknown) => {
        if (!this.connected) throw new Error('timeout');
        this.sent.push({ event, payload });
        return this.answer(event, payload);
      },
    };
  }
  push(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  goOnline() {
    this.connected = true;
    this.push('connect');
  }
  goOffline() {
    this.connected = false;
    this.push('disconnect', 'transport close');
  }
  asSocket(): BrowserSocket {
    return this as unknown as BrowserSocket;
  }
}
