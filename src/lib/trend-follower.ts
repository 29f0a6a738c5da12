import type { QueryClient } from '@tanstack/react-query';
import type { Trend, TrendPush } from '../protocol/trend.ts';
import type { BrowserSocket } from './browser-socket.ts';
import { BROWSER_SOCKET_EVENTS } from '../protocol/socket-events.ts';
import { ACK_TIMEOUT_MS } from './command-sender.ts';
import { parseOrDrop } from './dropped-events.ts';
import { mergeTrendPoint } from './trend-merge.ts';

type Asset = { plant: string; line: string; asset: string };

/**
 * The socket bridge's live trends: follows the assets whose trend is on screen (counted, so two cards
 * of one asset follow it once), follows them again after every reconnect, and merges each pushed
 * point into every cached trend window of its asset, under that query's own key.
 */
export class TrendFollower {
  private readonly followed = new Map<string, { asset: Asset; holders: number }>();
  private readonly qc: QueryClient;
  private readonly socket: () => BrowserSocket | null;
  private connectedBefore = false;

  constructor(qc: QueryClient, socket: () => BrowserSocket | null) {
    this.qc = qc;
    this.socket = socket;
  }

  /** Follows an asset's live trend until the returned function is called (by every holder). */
  follow(asset: Asset): () => void {
    const id = JSON.stringify([asset.plant, asset.line, asset.asset]);
    const entry = this.followed.get(id) ?? { asset, holders: 0 };
    entry.holders += 1;
    this.followed.set(id, entry);
    if (entry.holders === 1) void this.ask(asset);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.holders -= 1;
      if (entry.holders > 0 || this.followed.get(id) !== entry) return;
      this.followed.delete(id);
      const s = this.socket();
      if (s?.connected) s.emit('trend:unfollow', asset);
    };
  }

  /**
   * After connecting: the relay forgot this connection's rooms. After a REconnect, points pushed
   * while the link was down are missing too: the followed trends are fetched again.
   */
  resume() {
    for (const { asset } of this.followed.values()) {
      void this.ask(asset);
      if (this.connectedBefore) void this.qc.invalidateQueries({ queryKey: ['trend', asset.plant, asset.line, asset.asset] });
    }
    this.connectedBefore = true;
  }

  /** A pushed point (parsed by the bridge, socket.ts) into each cached window of its asset. */
  onPoint(push: TrendPush) {
    const { plant, line, asset, point } = push;
    for (const [key] of this.qc.getQueriesData<Trend>({ queryKey: ['trend', plant, line, asset] })) {
      const [, , , , from, to] = key as [string, string, string, string, number, number];
      this.qc.setQueryData<Trend>(key, (old) => mergeTrendPoint(old, point, from, to));
    }
  }

  private async ask(asset: Asset) {
    const s = this.socket();
    if (!s?.connected) return; // resume() asks on connect
    // A refusal (scope, limit) or no answer leaves the card on its fetched trend: nothing to tell the
    // operator. A malformed answer is the same, but counted as dropped.
    const raw: unknown = await s.timeout(ACK_TIMEOUT_MS).emitWithAck('trend:follow', asset).catch(() => undefined);
    if (raw !== undefined) parseOrDrop(this.qc, 'trend:follow answer', BROWSER_SOCKET_EVENTS['trend:follow'].answer, raw);
  }
}
