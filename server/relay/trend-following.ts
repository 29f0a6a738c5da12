import type { Socket } from 'socket.io';
import { describeIssues } from '../../src/protocol/common.ts';
import type { BrowserToServerEvents, ServerToBrowserEvents } from '../../src/protocol/events.ts';
import type { Me } from '../../src/protocol/session.ts';
import { MAX_TREND_FOLLOWS, TrendFollow, type TrendFollowAck } from '../../src/protocol/trend.ts';
import { inScope } from '../auth/scope.ts';
import { refusedAck } from './refused.ts';
import { trendRoom } from './trend-stream.ts';

type BrowserSocket = Socket<BrowserToServerEvents, ServerToBrowserEvents>;

/**
 * `trend:follow` / `trend:unfollow`: a browser joins the room of one asset's live trend, within the
 * person's scope (read again for each request), and at most MAX_TREND_FOLLOWS at once so that one
 * connection cannot make the relay fan out every asset to it.
 */
export function registerTrendFollowing(socket: BrowserSocket, whoIs: (token: string) => Promise<Me>) {
  const following = () => [...socket.rooms].filter((r) => r.startsWith('trend:')).length;
  socket.on('trend:follow', (raw, ack) => {
    if (typeof ack !== 'function') return;
    follow(raw).then(ack, (err: unknown) => ack(refusedAck(err)));
  });
  socket.on('trend:unfollow', (raw) => {
    const parsed = TrendFollow.safeParse(raw);
    if (parsed.success) void socket.leave(trendRoom(parsed.data.plant, parsed.data.line, parsed.data.asset));
  });

  async function follow(raw: unknown): Promise<TrendFollowAck> {
    const me = await whoIs((socket.data as { token: string }).token);
    const parsed = TrendFollow.safeParse(raw);
    if (!parsed.success) return { status: 'refused', code: 'invalid', reason: `invalid: ${describeIssues(parsed.error)}` };
    const { plant, line, asset } = parsed.data;
    if (!inScope(me.scopes, plant, line)) return { status: 'refused', code: 'forbidden', reason: `forbidden: ${plant}/${line} is outside your scope` };
    const room = trendRoom(plant, line, asset);
    if (!socket.rooms.has(room) && following() >= MAX_TREND_FOLLOWS) {
      return { status: 'refused', code: 'limit', reason: `limit: at most ${MAX_TREND_FOLLOWS} trends at once; unfollow one first` };
    }
    await socket.join(room);
    return { status: 'following' };
  }
}
