import { z } from 'zod';
import { Slug } from './common.ts';
import { refuseHiddenText } from './text.ts';

/** How one raw tag reads for people in one plant: display name, unit and normal range. */
export const CatalogueEntry = z.strictObject({
  feature: z.string().min(1).max(128),
  displayName: z.string().min(1).max(64),
  unit: z.string().max(16).default(''),
  normalLow: z.number().optional(),
  normalHigh: z.number().optional(),
  /** Typical value and spread in normal operation, for sentences like "4.1 σ below normal". */
  mean: z.number().optional(),
  sigma: z.number().positive().optional(),
});
export type CatalogueEntry = z.output<typeof CatalogueEntry>;

/**
 * A plant's feature catalogue as stored and read back: it takes any text, so a catalogue saved before
 * hidden characters were refused still loads (the app isolates names when it shows them).
 */
export const CatalogueView = z.strictObject({
  plant: Slug,
  features: z.array(CatalogueEntry).max(2000),
  assets: z.record(Slug, z.string().max(64)).default({}),
  lines: z.record(Slug, z.string().max(64)).default({}),
  /** Plain titles per predicted label, e.g. valve_closure → "Valve closure suspected". */
  labels: z.record(z.string().max(64), z.string().max(96)).default({}),
  /** Suggested operator action per label, when the plant has one. */
  actions: z.record(z.string().max(64), z.string().max(300)).default({}),
});

/**
 * A plant's feature catalogue, plus display names of its lines and assets and suggested actions, as
 * an engineer saves it: no invisible or direction-control characters in any name, title or action.
 */
export const Catalogue = CatalogueView.superRefine((c, ctx) => refuseHiddenText(c, ctx));
export type Catalogue = z.output<typeof CatalogueView>;
