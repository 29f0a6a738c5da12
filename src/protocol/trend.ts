import { z } from 'zod';
import { Slug } from './common.ts';
import { RefusalCode } from './refusal.ts';

/** Query of `GET /api/v1/trend`: one asset's results over a time range, downsampled. */
export const TrendQuery = z.strictObject({
  plant: Slug,
  line: Slug,
  asset: Slug,
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().positive(),
  /** Most points returned; each is the last result of its time bucket. */
  points: z.coerce.number().int().min(2).max(500).default(120),
}).refine((q) => q.to > q.from && q.to - q.from <= 7 * 86_400_000, 'to must be after from, at most 7 days later');

/** One downsampled point: score, threshold and each feature's value at that time. */
export const TrendPoint = z.object({
  ts: z.number(),
  score: z.number(),
  threshold: z.number(),
  values: z.record(z.string(), z.number()),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const Trend = z.object({ asset: Slug, points: z.array(TrendPoint) });
export type Trend = z.infer<typeof Trend>;

/** A browser following one asset's live trend (`trend:follow` / `trend:unfollow`). */
export const TrendFollow = z.strictObject({ plant: Slug, line: Slug, asset: Slug });
export type TrendFollow = z.infer<typeof TrendFollow>;

/** Answer to `trend:follow`: `code` is what a program decides on, `reason` is for people. */
export const TrendFollowAck = z.discriminatedUnion('status', [
  z.object({ status: z.literal('following') }),
  z.object({ status: z.literal('refused'), code: RefusalCode, reason: z.string() }),
]);
export type TrendFollowAck = z.infer<typeof TrendFollowAck>;

/** A live trend point of a followed asset: at most one per asset per second (the latest result). */
export const TrendPush = z.object({ plant: Slug, line: Slug, asset: Slug, point: TrendPoint });
export type TrendPush = z.infer<typeof TrendPush>;

/** Most assets one browser connection may follow at once. */
export const MAX_TREND_FOLLOWS = 24;
