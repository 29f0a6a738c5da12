import { z } from 'zod';
import { Slug } from './common.ts';
import { Alert, AlertChange, ConsoleState } from './alert.ts';
import { AssetState } from './asset.ts';
import { PlantShelveLimits } from './shelving.ts';
import type { CommandAck, OperatorCommandInput } from './commands.ts';
import type { IngestAck } from './inference.ts';
import { RefusalCode } from './refusal.ts';
import { TrendPush, type TrendFollow, type TrendFollowAck } from './trend.ts';

/** A browser's subscription: a line room, or a whole plant when `line` is omitted. */
export const Subscribe = z.strictObject({
  plant: Slug,
  line: Slug.optional(),
  /** Last change sequence this browser has seen; the relay replays every change after it. */
  lastSeq: z.number().int().nonnegative().optional(),
});
export type Subscribe = z.infer<typeof Subscribe>;

/** Fresh state of a room, sent when a browser is new or too far behind to replay. */
export const RoomSnapshot = z.object({
  plant: Slug,
  line: Slug.nullable(),
  seq: z.number().int().nonnegative(),
  alerts: z.array(Alert),
  consoles: z.array(ConsoleState),
  /** Assets of the room that are out of service or stale right now. */
  assets: z.array(AssetState).optional(),
  /** The plant's shelve limits in force, so the panel offers only shelves the relay will take. */
  shelving: PlantShelveLimits.optional(),
});
export type RoomSnapshot = z.infer<typeof RoomSnapshot>;

/** Answer to `subscribe`: either the replayed changes or a snapshot. */
export const SubscribeAck = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('replay'),
    changes: z.array(AlertChange),
    seq: z.number().int().nonnegative(),
    consoles: z.array(ConsoleState),
    /** As in a snapshot: the room's assets out of service or stale right now. */
    assets: z.array(AssetState).optional(),
    /** As in a snapshot: the plant's shelve limits in force. */
    shelving: PlantShelveLimits.optional(),
  }),
  z.object({ status: z.literal('snapshot'), snapshot: RoomSnapshot }),
  /** `code` is what a program decides on; `reason` is for people. */
  z.object({ status: z.literal('refused'), code: RefusalCode, reason: z.string() }),
]);
export type SubscribeAck = z.infer<typeof SubscribeAck>;

/** `catalogue:changed`: an engineer changed a plant's display names, units or ranges. */
export const CatalogueChanged = z.object({ plant: Slug, at: z.number() });
export type CatalogueChanged = z.infer<typeof CatalogueChanged>;

/** `shelving:changed`: a new policy book is in force; the plant's shelve limits as they are now. */
export const ShelvingChanged = z.object({ plant: Slug, shelving: PlantShelveLimits });
export type ShelvingChanged = z.infer<typeof ShelvingChanged>;

/**
 * Every event the relay pushes to browsers, with the schema a browser parses it with: types are not
 * validation, so a malformed push is dropped rather than written into the panel's state.
 */
export const SERVER_TO_BROWSER_SCHEMAS = {
  'alert:change': AlertChange,
  'console:state': ConsoleState,
  'asset:state': AssetState,
  'catalogue:changed': CatalogueChanged,
  'trend:point': TrendPush,
  'shelving:changed': ShelvingChanged,
} as const satisfies Record<keyof ServerToBrowserEvents, z.ZodType>;

/** Events the relay sends to browsers on the default namespace. */
export interface ServerToBrowserEvents {
  'alert:change': (change: AlertChange) => void;
  'console:state': (state: ConsoleState) => void;
  'asset:state': (state: AssetState) => void;
  /** The plant's feature catalogue changed: refetch display names, units and ranges. */
  'catalogue:changed': (event: CatalogueChanged) => void;
  /** The policy changed: the plant's shelve limits, so the panel offers only shelves the relay takes. */
  'shelving:changed': (event: ShelvingChanged) => void;
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
