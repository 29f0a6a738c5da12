/**
 * Which lines' engine state this relay instance owns (`LINES=plant/line,plant/*`). One key must never
 * be processed by two instances, so results for other lines are refused here and commands on their
 * alerts are forwarded to the owner. Unset means this instance owns every line (a single relay).
 */
export type Ownership = (plant: string, line: string) => boolean;

export function parseOwnership(spec: string | undefined): Ownership {
  if (spec === undefined || spec.trim() === '' || spec.trim() === '*') return () => true;
  const owned = spec.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [plant, line] = s.split('/');
    if (!plant || !line) throw new Error(`LINES: "${s}" must be plant/line or plant/*`);
    return { plant, line };
  });
  return (plant, line) => owned.some((o) => o.plant === plant && (o.line === '*' || o.line === line));
}

/** A stable small number per LINES spec, so each instance keeps its own engine snapshot. */
export function snapshotSlot(spec: string | undefined): number {
  let h = 7;
  for (const ch of (spec ?? '*').trim()) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return h;
}
