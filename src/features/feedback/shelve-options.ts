import type { Role } from '../../protocol/common.ts';
import { DEFAULT_POLICY } from '../../protocol/policy.ts';
import { maxShelveMinutes, type ShelveLimits } from '../../protocol/shelving.ts';

export interface ShelveDuration { label: string; minutes: number | null }

const ALL: ShelveDuration[] = [
  { label: '15 min', minutes: 15 },
  { label: '30 min', minutes: 30 },
  { label: '1 h', minutes: 60 },
  { label: '2 h', minutes: 120 },
  { label: '4 h', minutes: 240 },
  { label: '8 h', minutes: 480 },
  { label: 'Until back to normal', minutes: null },
];

/**
 * Touch presets within the role's limit under the relay's policy (one-shot shelving ends when the
 * alert returns to normal). Before the relay sent its limits, the policy defaults (the security caps).
 */
export function shelveDurations(role: Role, limits: ShelveLimits = DEFAULT_POLICY): ShelveDuration[] {
  const max = maxShelveMinutes(role, limits);
  if (max === 0) return [];
  return ALL.filter((d) => d.minutes === null || d.minutes <= max);
}

/** Reasons to pick with one touch; a reason is required to shelve. */
export const SHELVE_REASONS = [
  'Instrument fault reported',
  'Maintenance in progress',
  'Known process upset',
  'Nuisance alert – review asked',
] as const;

export const canCommand = (role: Role) => role !== 'viewer';

/** Whether the role may shelve at all (no policy gives a viewer a shelf). */
export const canShelve = (role: Role) => maxShelveMinutes(role, DEFAULT_POLICY) > 0;
