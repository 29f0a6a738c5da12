import type { Role } from '../../src/protocol/common.ts';
import type { Scope } from '../../src/protocol/session.ts';

/** True when one of the scopes covers the plant (and line, when given). A plant-wide scope covers its lines. */
export function inScope(scopes: readonly Scope[], plant: string, line?: string): boolean {
  return scopes.some((s) => (s.plant === '*' || s.plant === plant) && (s.line === undefined || s.line === line));
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, supervisor: 2, engineer: 3, admin: 4 };

/** True when `role` has at least the rights of `needed` (roles are cumulative in docs/design.md). */
export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** True when any scope reaches into the plant (a line-scoped user may read plant-wide reference data). */
export function touchesPlant(scopes: readonly Scope[], plant: string): boolean {
  return scopes.some((s) => s.plant === '*' || s.plant === plant);
}
