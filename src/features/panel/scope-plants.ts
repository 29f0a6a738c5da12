import type { Scope } from '../../protocol/session.ts';

/** The contract has no plant list: a `*` scope falls back to the demo plant. */
export const FALLBACK_PLANT = 'demo';

/** Plants a user may see, each with the lines the scopes restrict it to (null = every line). */
export function scopePlants(scopes: Scope[]): Map<string, Set<string> | null> {
  const plants = new Map<string, Set<string> | null>();
  for (const s of scopes) {
    const plant = s.plant === '*' ? FALLBACK_PLANT : s.plant;
    const known = plants.get(plant);
    if (!s.line || known === null) plants.set(plant, null);
    else plants.set(plant, new Set([...(known ?? []), s.line]));
  }
  return plants;
}
