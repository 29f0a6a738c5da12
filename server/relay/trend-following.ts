import type { Me } from '../../src/protocol/session.ts';
import { MAX_TREND_FOLLOWS, type TrendFollow, type TrendFollowAck } from '../../src/protocol/trend.ts';
import { actOnDeclared, answerDeclared, type DeclaredSocket } from './declared-events.ts';
import { trendRoom } from './trend-stream.ts';

/**
 * `trend:follow` / `trend:unfollow`: a browser joins the room of one asset's live trend, within the
 * person's scope (read again for each request, by the declaration: src/protocol/socket-events.ts),
 * and at most MAX_TREND_FOLLOWS at once so that one connection cannot make the relay fan out every
 * asset to it.
 */
export function registerTrendFollowing(socket: DeclaredSocket, whoIs: (token: string) => Promise<Me>) {
  const following = () => [...socket.rooms].filter((r) => r.startsWith('trend:')).length;
  answerDeclared(socket, 'trend:follow', whoIs, (_me, asset) => follow(asset));
  actOnDeclared(socket, 'trend:unfollow', ({ plant, line, asset }) => void socket.leave(trendRoom(plant, line, asset)));

  async function follow({ plant, line, asset }: TrendFollow): Promise<TrendFollowAck> {
    const room = trendRoom(plant, line, asset);
    if (!socket.rooms.has(room) && following() >= MAX_TREND_FOLLOWS) {
      return { status: 'refused', code: 'limit', reason: `limit: at most ${MAX_TREND_FOLLOWS} trends at once; unfollow one first` };
    }
    await socket.join(room);
    return { status: 'following' };
  }
}
