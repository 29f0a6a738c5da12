import { z } from 'zod';
import type { Role } from './common.ts';
import { CommandAck, OperatorCommand } from './commands.ts';
import { Subscribe, SubscribeAck, type BrowserToServerEvents, type EdgeToServerEvents } from './events.ts';
import { IngestAck } from './inference.ts';
import type { RefusalCode } from './refusal.ts';
import { TrendFollow, TrendFollowAck } from './trend.ts';

/**
 * How a request is held against the person's scopes (the plants and lines they may see), read again
 * for every event:
 * - `request`: the request names a plant (and maybe a line) that must be in scope, else `forbidden`.
 * - `target`: the request names an alert or asset that the handler looks up; one outside the scope is
 *   answered as not found (so its existence does not leak), and the refusal is audited.
 * - `none`: nothing to hold against the scopes (leaving a room).
 */
export type ScopeRule = 'request' | 'target' | 'none';

/** A browser event the relay answers (a socket.io acknowledgement), after authorising it. */
export interface AskDeclaration<Req extends z.ZodType = z.ZodType, Ans extends z.ZodType = z.ZodType> {
  kind: 'ask';
  /** The request as the relay takes it; a malformed one is answered `invalid`. */
  request: Req;
  /** The answer, which the browser parses with this schema too. */
  answer: Ans;
  /** The least role that may send it; a lower role is answered `forbidden`. */
  role: Role;
  scope: ScopeRule;
  /** What a role below `role` may not do, for the refusal's message ("viewers cannot change alerts"). */
  denied: string;
  /** The answer carrying a refusal. `raw` is the request as sent: a command's id is echoed even when the rest is malformed. */
  refused: (raw: unknown, code: RefusalCode, reason: string) => z.input<Ans>;
}

/** A browser event the relay acts on without answering; it needs only the connection (signed in at the handshake). */
export interface NoticeDeclaration<Req extends z.ZodType = z.ZodType> {
  kind: 'notice';
  /** A malformed request is ignored: there is nobody to tell. */
  request: Req;
  role: 'viewer';
  scope: 'none';
}

export type BrowserEventDeclaration = AskDeclaration | NoticeDeclaration;

const ask = <Req extends z.ZodType, Ans extends z.ZodType>(d: Omit<AskDeclaration<Req, Ans>, 'kind'>): AskDeclaration<Req, Ans> => ({ kind: 'ask', ...d });
const notice = <Req extends z.ZodType>(request: Req): NoticeDeclaration<Req> => ({ kind: 'notice', request, role: 'viewer', scope: 'none' });
const refusedPlain = (_raw: unknown, code: RefusalCode, reason: string) => ({ status: 'refused' as const, code, reason });

/** The command id of a request as sent, if it has one (so a sender can match a refusal to its outbox entry). */
function echoedCommandId(raw: unknown): string | undefined {
  const id = (raw as { commandId?: unknown } | null)?.commandId;
  return typeof id === 'string' ? id.slice(0, 64) : undefined;
}

/**
 * Every event a browser may send the relay on the default namespace, declared once: the relay
 * registers its handlers from this table (server/relay/declared-events.ts), which parses and
 * authorises each request; the browser parses each answer with the declared schema; the socket
 * authorisation matrix (server/relay/socket-matrix.test.ts) checks every caller against it.
 */
export const BROWSER_SOCKET_EVENTS = {
  /** Joins a line or plant room in scope; answered with the changes since `lastSeq` or a snapshot. */
  subscribe: ask({ request: Subscribe, answer: SubscribeAck, role: 'viewer', scope: 'request', denied: 'subscribe to rooms', refused: refusedPlain }),
  /** Leaves a room joined with `subscribe` (`lastSeq` is ignored). */
  unsubscribe: notice(Subscribe),
  /** Follows one asset's live trend in scope (at most MAX_TREND_FOLLOWS at once). */
  'trend:follow': ask({ request: TrendFollow, answer: TrendFollowAck, role: 'viewer', scope: 'request', denied: 'follow trends', refused: refusedPlain }),
  /** Stops following an asset's live trend. */
  'trend:unfollow': notice(TrendFollow),
  /** An operator command on an alert or asset; its target's scope is checked by the handler (shared with REST). */
  command: ask({
    request: OperatorCommand, answer: CommandAck, role: 'operator', scope: 'target', denied: 'change alerts',
    refused: (raw, code, reason) => ({ status: 'refused' as const, commandId: echoedCommandId(raw), code, reason }),
  }),
} as const satisfies Record<keyof BrowserToServerEvents, BrowserEventDeclaration>;

export type BrowserSocketEvents = typeof BROWSER_SOCKET_EVENTS;
/** Events the relay answers. */
export type BrowserAskEvent = { [K in keyof BrowserSocketEvents]: BrowserSocketEvents[K] extends AskDeclaration ? K : never }[keyof BrowserSocketEvents];
/** Events the relay acts on without answering. */
export type BrowserNoticeEvent = { [K in keyof BrowserSocketEvents]: BrowserSocketEvents[K] extends NoticeDeclaration ? K : never }[keyof BrowserSocketEvents];

/** The declaration of a browser event, or null when the name is not in the table (not even an inherited property). */
export function browserEventDeclaration(event: string): BrowserEventDeclaration | null {
  return Object.hasOwn(BROWSER_SOCKET_EVENTS, event) ? BROWSER_SOCKET_EVENTS[event as keyof BrowserSocketEvents] : null;
}

/** An event an edge sends on `/edge`. */
export interface EdgeEventDeclaration<Req extends z.ZodType = z.ZodType, Ans extends z.ZodType = z.ZodType> {
  request: Req;
  answer: Ans;
  /**
   * `edge-key`: the socket was opened with a valid, unrevoked edge key (checked at the handshake), and
   * each result must lie in one of the key's plants and lines (checked per item by ingest).
   */
  rule: 'edge-key';
}

/** Every event an edge may send on `/edge`, declared once (server/ingest/edge-namespace.ts registers it). */
export const EDGE_SOCKET_EVENTS = {
  /**
   * One result or a batch, answered per item. Any shape is taken here and each item is checked by
   * ingest (server/ingest/validate.ts), so one bad item does not refuse the rest of the batch.
   */
  inference: { request: z.unknown(), answer: IngestAck, rule: 'edge-key' },
} as const satisfies Record<keyof EdgeToServerEvents, EdgeEventDeclaration>;
