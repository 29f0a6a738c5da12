import { roleAtLeast, type Role } from '../../src/protocol/common.ts';
import type { Scope } from '../../src/protocol/session.ts';

/** True when one of the scopes covers the plant (and line, when given). A plant-wide scope covers its lines. */
export function inScope(scopes: readonly Scope[], plant: string, line?: string): boolean {
  return scopes.some((s) => (s.plant === '*' || s.plant === plant) && (s.line === undefined || s.line === line));
}

/** True when `role` has at least the rights of `needed`: the protocol's one rank (roleAtLeast), as the server's guards call it. */
export function atLeast(role: Role, needed: Role): boolean {
  return roleAtLeast(role, needed);
}

/** True when any scope reaches into the plant (a line-scoped user may read plant-wide reference data). */
export function touchesPlant(scopes: readonly Scope[], plant: string): boolean {
  return scopes.some((s) => s.plant === '*' || s.plant === plant);
}
