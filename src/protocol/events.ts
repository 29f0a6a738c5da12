import { z } from 'zod';
import { Slug } from './common.ts';
import type { Alert, AlertChange, ConsoleState } from './alert.ts';
import type { AssetState } from './asset.ts';
import type { CommandAck, OperatorCommandInput } from './commands.ts';
import type { IngestAck } from './inference.ts';
import type { TrendFollow, TrendFollowAck, TrendPush } from './trend.ts';

/** A browser's subscription: a line room, or a whole plant when `line` is omitted. */
export const Subscribe = z.strictObject({
  plant: Slug,
  line: Slug.optional(),
  /** Last change sequence this browser has seen; the relay replays every change after it. */
  lastSeq: z.number().int().nonnegative().optional(),
});
export type Subscribe = z.infer<typeof Subscribe>;

/** Fresh state of a room, sent when a browser is new or too far behind to replay. */
export interface RoomSnapshot {
  plant: string;
  line: string | null;
  seq: number;
  alerts: Alert[];
  consoles: ConsoleState[];
  /** Assets of the room that are out of service or stale right now. */
  assets?: AssetState[];
}

/** Answer to `subscribe`: either the replayed changes or a snapshot. */
export type SubscribeAck =
  | { status: 'replay'; changes: AlertChange[]; seq: number; consoles: ConsoleState[]; assets?: AssetState[] }
  | { status: 'snapshot'; snapshot: RoomSnapshot }
  | { status: 'refused'; reason: string };

/** Events the relay sends to browsers on the default namespace. */
export interface ServerToBrowserEvents {
  'alert:change': (change: AlertChange) => void;
  'console:state': (state: ConsoleState) => void;
  'asset:state': (state: AssetState) => void;
  /** The plant's feature catalogue changed: refetch display names, units and ranges. */
  'catalogue:changed': (event: { plant: string; at: number }) => void;
  /** A live, downsampled trend point of an asset this browser follows. */
  'trend:point': (push: TrendPush) => void;
}

/** Events browsers send to the relay on the default namespace. */
export interface BrowserToServerEvents {
  subscribe: (sub: Subscribe, ack: (answer: SubscribeAck) => void) => void;
  command: (command: OperatorCommandInput, ack: (answer: CommandAck) => void) => void;
  /** Leaves a room joined with `subscribe` (e.g. the panel moved to another line). */
  unsubscribe: (room: Omit<Subscribe, 'lastSeq'>) => void;
  /** Follows an asset's live trend (within the person's scope, at most MAX_TREND_FOLLOWS at once). */
  'trend:follow': (asset: TrendFollow, ack: (answer: TrendFollowAck) => void) => void;
  'trend:unfollow': (asset: TrendFollow) => void;
}

/** Events an edge sends on `/edge`: one result or a batch, answered per item. */
export interface EdgeToServerEvents {
  inference: (payload: unknown, ack: (answer: IngestAck) => void) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ServerToEdgeEvents {}
