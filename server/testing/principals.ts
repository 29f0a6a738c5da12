import { createPanelDevice, setBadge } from '../auth/panels.ts';
import { startRelay, type TestRelay } from './relay.ts';
import { result } from './results.ts';

/** Every kind of caller the authorisation matrices try; everyone signed in is scoped to plant p1 (the panel to p1/l1). */
export const PRINCIPALS = ['anonymous', 'viewer', 'operator', 'supervisor', 'engineer', 'admin', 'panel', 'edge-other-line'] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** A relay with one caller of each kind (their cookie or edge-key header) and one open alert on p1/l1. */
export interface PrincipalsRelay {
  relay: TestRelay;
  auth: Map<Principal, Record<string, string>>;
  alertId: string;
}

/** Starts the relay both matrices (REST and socket) call, with the same callers and alert. */
export async function startPrincipalsRelay(): Promise<PrincipalsRelay> {
  const relay = await startRelay();
  const auth = new Map<Principal, Record<string, string>>();
  for (const role of ['viewer', 'operator', 'supervisor', 'engineer', 'admin'] as const) {
    await relay.addUser(role, role, [{ plant: 'p1' }]);
    auth.set(role, { cookie: await relay.login(role) });
  }
  await setBadge(relay.store, 'operator', '4471', '2580');
  const { token } = await createPanelDevice(relay.store, 'panel', 'p1', 'l1', Date.now());
  const panel = await fetch(`${relay.url}/api/v1/panel-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  auth.set('panel', { cookie: panel.headers.get('set-cookie')!.split(';')[0]! });
  auth.set('anonymous', {});
  const other = await relay.edgeKey([{ plant: 'p1', line: 'l2' }]);
  auth.set('edge-other-line', { authorization: `Bearer ${other}` });
  const mine = await relay.edgeKey([{ plant: 'p1', line: 'l1' }]);
  await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { authorization: `Bearer ${mine}`, 'content-type': 'application/json' }, body: JSON.stringify([1, 2, 3, 4].map((n) => result(n))) });
  await relay.app.host.drain();
  const alertId = (await relay.store.openAlerts({ plant: 'p1', line: 'l1' }))[0]!.id;
  return { relay, auth, alertId };
}
