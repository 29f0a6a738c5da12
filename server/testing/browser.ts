import { io as connect, type Socket } from 'socket.io-client';
import type { AlertChange } from '../../src/protocol/alert.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents, Subscribe, SubscribeAck } from '../../src/protocol/events.ts';

/**
 * A test browser that behaves like the app's socket module: it subscribes on every (re)connect with
 * the last sequence it has seen and shows each change once (a change it already has is not shown again).
 */
export class TestBrowser {
  readonly shown = new Map<number, AlertChange>();
  duplicates = 0;
  snapshots = 0;
  lastSeq = 0;
  readonly socket: Socket<ServerToBrowserEvents, BrowserToServerEvents>;

  constructor(url: string, cookie: string, room: Omit<Subscribe, 'lastSeq'>) {
    this.socket = connect(url, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    this.socket.on('alert:change', (c) => this.show(c));
    this.socket.on('connect', () => {
      void this.socket.emitWithAck('subscribe', { ...room, lastSeq: this.lastSeq || undefined }).then((ack: SubscribeAck) => {
        if (ack.status === 'replay') ack.changes.forEach((c) => this.show(c));
        else if (ack.status === 'snapshot') {
          this.snapshots++;
          this.lastSeq = Math.max(this.lastSeq, ack.snapshot.seq);
        }
      });
    });
  }

  connected(): Promise<void> {
    return this.socket.connected ? Promise.resolve() : new Promise((ok) => this.socket.once('connect', () => ok()));
  }

  /** Seqs shown, ascending. */
  seqs(): number[] {
    return [...this.shown.keys()].sort((a, b) => a - b);
  }

  close(): void {
    this.socket.close();
  }

  private show(c: AlertChange): void {
    if (this.shown.has(c.seq)) this.duplicates++;
    else this.shown.set(c.seq, c);
    this.lastSeq = Math.max(this.lastSeq, c.seq);
  }
}
