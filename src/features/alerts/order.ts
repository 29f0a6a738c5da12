import type { Alert, ConsoleState } from '../../protocol/alert.ts';
import { PRIORITY_RANK } from '../../protocol/common.ts';

/** Held back from the panel: these are for supervisors (the flood digest shows flood ones as one card). */
const HIDDEN_SUPPRESSION = new Set(['flood', 'shelved', 'out_of_service', 'suppressed_by_design']);
const HIDDEN_STATE = new Set(['normal', 'shelved', 'out_of_service', 'suppressed_by_design']);

/** Whether the panel shows this alert (chattering and demoted ones are shown, each as one row). */
export function shownOnPanel(a: Alert): boolean {
  return !HIDDEN_STATE.has(a.state) && !(a.suppression && HIDDEN_SUPPRESSION.has(a.suppression));
}

/** What needs the operator first: unacknowledged active, then acknowledged active, then returned unacknowledged. */
const STATE_RANK: Record<string, number> = { unacknowledged: 0, acknowledged: 1, returned_unacknowledged: 2 };

export function compareAlerts(a: Alert, b: Alert): number {
  return (
    (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9) ||
    PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] ||
    Number(a.chattering) - Number(b.chattering) ||
    (b.annunciatedAt ?? b.raisedAt) - (a.annunciatedAt ?? a.raisedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** One row of the panel: an alert, with the other alerts of its group folded into a counter. */
export interface PanelItem {
  alert: Alert;
  /** Other shown alerts in the same group (same asset within 60 s). */
  grouped: number;
}

/** The panel's alerts, most important first, groups folded into their most important alert. */
export function panelItems(alerts: Iterable<Alert>): PanelItem[] {
  const shown = [...alerts].filter(shownOnPanel).sort(compareAlerts);
  const leads = new Map<string, PanelItem>();
  const items: PanelItem[] = [];
  for (const alert of shown) {
    const lead = alert.groupId ? leads.get(alert.groupId) : undefined;
    if (lead) {
      lead.grouped += 1;
      continue;
    }
    const item = { alert, grouped: 0 };
    if (alert.groupId) leads.set(alert.groupId, item);
    items.push(item);
  }
  return items;
}

/** The flood digest of a console: how many low/medium alerts are held back as one card. */
export function floodDigest(consoles: ConsoleState[], line: string | null, alerts: Iterable<Alert>): { line: string; count: number } | null {
  const flooded = consoles.filter((c) => c.inFlood && (line === null || c.line === line));
  if (flooded.length === 0) return null;
  const held = [...alerts].filter((a) => a.suppression === 'flood' && flooded.some((c) => c.line === a.line)).length;
  const digest = flooded.reduce((n, c) => n + c.digest.length, 0);
  return { line: flooded[0]!.line, count: Math.max(held, digest) };
}
