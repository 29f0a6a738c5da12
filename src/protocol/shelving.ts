import { z } from 'zod';
import type { Role } from './common.ts';
import { policyFor, type PolicyBook, type PolicyPatch } from './policy.ts';

/** The two policy fields that bound a shelf (see AlarmPolicy): what a role may shelve and for how long. */
export const ShelveLimits = z.object({
  operatorShelveMaxMinutes: z.number().int().nonnegative(),
  supervisorShelveMaxMinutes: z.number().int().nonnegative(),
});
export type ShelveLimits = z.infer<typeof ShelveLimits>;

const ShelveLimitsPatch = ShelveLimits.partial();
type ShelveLimitsPatch = z.infer<typeof ShelveLimitsPatch>;

/**
 * One plant's shelve limits as the relay sends them with a room (subscribe answers): the plant's, and
 * the line and model overrides that change them, so a browser resolves an alert's limit exactly as the
 * relay's engine does (defaults ← plant ← line ← model).
 */
export const PlantShelveLimits = z.object({
  plant: ShelveLimits,
  lines: z.record(z.string(), ShelveLimitsPatch),
  models: z.record(z.string(), ShelveLimitsPatch),
});
export type PlantShelveLimits = z.infer<typeof PlantShelveLimits>;

/** Longest shelf `role` may set under these limits, in minutes (0: may not shelve). Server and panel both ask this. */
export function maxShelveMinutes(role: Role, limits: ShelveLimits): number {
  if (role === 'viewer') return 0;
  return role === 'operator' ? limits.operatorShelveMaxMinutes : limits.supervisorShelveMaxMinutes;
}

const pick = (p: PolicyPatch): ShelveLimitsPatch => {
  const out: ShelveLimitsPatch = {};
  if (p.operatorShelveMaxMinutes !== undefined) out.operatorShelveMaxMinutes = p.operatorShelveMaxMinutes;
  if (p.supervisorShelveMaxMinutes !== undefined) out.supervisorShelveMaxMinutes = p.supervisorShelveMaxMinutes;
  return out;
};

/** Only the overrides that touch a shelve limit (a plant may override other fields for hundreds of lines). */
const shelveOverrides = (patches: Record<string, PolicyPatch>) =>
  Object.fromEntries(Object.entries(patches).map(([k, p]) => [k, pick(p)] as const).filter(([, p]) => Object.keys(p).length > 0));

/** The shelve limits of one plant out of the policy book in force (what the relay sends with a room). */
export function plantShelveLimits(book: PolicyBook, plant: string): PlantShelveLimits {
  const p = policyFor(book, plant);
  const pp = Object.hasOwn(book.plants, plant) ? book.plants[plant] : undefined;
  return {
    plant: { operatorShelveMaxMinutes: p.operatorShelveMaxMinutes, supervisorShelveMaxMinutes: p.supervisorShelveMaxMinutes },
    lines: pp ? shelveOverrides(pp.lines) : {},
    models: pp ? shelveOverrides(pp.models) : {},
  };
}

/** The limits in force for one alert of the plant: the plant's, then its line's, then its model's override. */
export function shelveLimitsFor(limits: PlantShelveLimits, line: string, model: string): ShelveLimits {
  const lp = Object.hasOwn(limits.lines, line) ? limits.lines[line] : undefined;
  const mp = Object.hasOwn(limits.models, model) ? limits.models[model] : undefined;
  return { ...limits.plant, ...lp, ...mp };
}
