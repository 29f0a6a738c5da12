import type { Role } from '../../protocol/common.ts';

/** The longest shelf each role may set, in minutes (DESIGN: operator ≤ 2 h, supervisor ≤ 8 h); 0 = may not shelve. */
export const MAX_SHELVE_MINUTES: Record<Role, number> = { viewer: 0, operator: 120, supervisor: 480, engineer: 480, admin: 480 };

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

/** Touch presets within the role's limit (one-shot shelving ends when the alert returns to normal). */
export function shelveDurations(role: Role): ShelveDuration[] {
  const max = MAX_SHELVE_MINUTES[role];
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
