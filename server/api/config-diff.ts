import type { Catalogue } from '../../src/protocol/catalogue.ts';

const MAX = 50;

/** Paths whose value differs between two JSON values (objects compared key by key; arrays whole). */
export function jsonDiff(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= MAX) return out;
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (obj(a) && obj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) jsonDiff(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path || '(root)');
  return out;
}

/** What a policy change touched, for the audit trail. */
export const policyDiff = (before: unknown, after: unknown) => jsonDiff(before, after);

/** What a catalogue change touched: feature entries by tag name, and display names of lines, assets, labels, actions. */
export function catalogueDiff(before: Catalogue | null, after: Catalogue): Record<string, unknown> {
  const features = (c: Catalogue | null) => Object.fromEntries((c?.features ?? []).map((f) => [f.feature, f]));
  const changed = jsonDiff(
    { features: features(before), assets: before?.assets ?? {}, lines: before?.lines ?? {}, labels: before?.labels ?? {}, actions: before?.actions ?? {} },
    { features: features(after), assets: after.assets, lines: after.lines, labels: after.labels, actions: after.actions },
  );
  return { created: before === null, features: after.features.length, changed };
}
