import type { AlarmPolicy } from '../../src/protocol/policy.ts';

/** The open group of one asset: alerts raised within `groupWindowMs` of its first alert join it. */
export interface AssetGroup {
  groupId: string | null;
  leadAt: number;
}

/** Returns the group id for an alert raised at `at` on the asset, opening a new group (led by it) if needed. */
export function joinAssetGroup(g: AssetGroup, alertId: string, at: number, p: AlarmPolicy): string {
  if (g.groupId !== null && at - g.leadAt <= p.groupWindowMs) return g.groupId;
  g.groupId = alertId;
  g.leadAt = at;
  return alertId;
}

/** A raise remembered for line events. */
export interface RecentRaise {
  at: number;
  asset: string;
  alertId: string;
  /** Already part of a line event: an alert belongs to one line event at most. */
  inEvent: boolean;
}

/** Line-event bookkeeping of one line (docs/design.md "The alarm engine"). */
export interface LineEvents {
  recent: RecentRaise[];
  open: { id: string; leadAt: number } | null;
}

export function newLineEvents(): LineEvents {
  return { recent: [], open: null };
}

/**
 * Records a raise and says which line event it belongs to. When this raise brings the number of
 * distinct assets raised within `lineEventWindowMs` to `lineEventAssets`, a line event opens led by
 * the earliest of them; `joined` lists the earlier alerts that now belong to it too.
 */
export function joinLineEvent(le: LineEvents, r: RecentRaise, p: AlarmPolicy): { lineEventId: string | null; joined: string[] } {
  const from = r.at - p.lineEventWindowMs;
  let drop = 0;
  while (drop < le.recent.length && le.recent[drop]!.at < from) drop++;
  if (drop) le.recent.splice(0, drop);
  le.recent.push(r);
  if (le.open && r.at - le.open.leadAt <= p.lineEventWindowMs) {
    r.inEvent = true;
    return { lineEventId: le.open.id, joined: [] };
  }
  le.open = null;
  const free = le.recent.filter((x) => !x.inEvent);
  const assets = new Set<string>();
  for (const x of free) assets.add(x.asset);
  if (assets.size < p.lineEventAssets) return { lineEventId: null, joined: [] };
  const lead = free[0]!;
  le.open = { id: lead.alertId, leadAt: lead.at };
  for (const x of free) x.inEvent = true;
  return { lineEventId: lead.alertId, joined: free.slice(0, -1).map((x) => x.alertId) };
}
