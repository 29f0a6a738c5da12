import type { Scope } from '../../protocol/session.ts';

/** Scopes as people type them: `*` (every plant), `demo` (a plant), `demo/line1` (a line), comma-separated. */
export function parseScopes(text: string): Scope[] {
  return text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const [plant, line] = s.split('/');
    return line ? { plant: plant!, line } : { plant: plant! };
  });
}

export const formatScopes = (scopes: Scope[]) => scopes.map((s) => (s.line ? `${s.plant}/${s.line}` : s.plant)).join(', ');
