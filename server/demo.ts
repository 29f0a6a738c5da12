import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import { Catalogue } from '../src/protocol/catalogue.ts';
import type { Role } from '../src/protocol/common.ts';
import { DEMO_KEY_ID } from './auth/edge-keys.ts';
import { randomInt } from 'node:crypto';
import { randomToken, slowHash } from './auth/hash.ts';
import { createPanelDevice, setBadge } from './auth/panels.ts';
import { demoCatalogue } from './sim/demo-catalogue.ts';
import type { Store } from './store/store.ts';

/** The demo operator's badge number. */
export const DEMO_BADGE = '4471';

export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'operator', displayName: 'A. Rossi', role: 'operator' },
  { username: 'supervisor', displayName: 'M. Keller', role: 'supervisor' },
  { username: 'engineer', displayName: 'J. Okafor', role: 'engineer' },
  { username: 'admin', displayName: 'Admin', role: 'admin' },
];

/**
 * Demo mode only: the four demo users, an edge key that may publish anywhere, and the demo
 * plant's catalogue. Password and key come from the environment or are generated.
 */
export async function seedDemo(store: Store, at: number, env: { password?: string; edgeKey?: string; pin?: string }) {
  const password = env.password ?? randomToken(9);
  const edgeKey = env.edgeKey ?? `demo_${randomToken(18)}`;
  const hash = await slowHash(password);
  for (const u of DEMO_USERS) await store.upsertUser({ ...u, scopes: [{ plant: '*' }], passwordHash: hash }, at);
  await store.upsertEdgeKey({ id: DEMO_KEY_ID, name: 'demo edge', keyHash: await slowHash(edgeKey), scopes: [{ plant: '*' }], revokedAt: null }, at);
  if (!(await store.catalogue('demo'))) await store.saveCatalogue(Catalogue.parse(demoCatalogue), at);
  // Operators identify on panels with badge + PIN; each line gets a panel device.
  const pin = env.pin ?? String(1000 + randomInt(9000));
  await setBadge(store, 'operator', DEMO_BADGE, pin);
  const panels = [];
  for (const line of ['line1', 'line2']) panels.push({ line, ...(await createPanelDevice(store, `Panel ${line}`, 'demo', line, at)) });
  return { password, edgeKey, pin, panels };
}

/** Starts the demo plant as a separate process that connects as a real edge over socket.io. */
export function startSimulator(url: string, edgeKey: string, speed: number, log: Logger): ChildProcess {
  const child = spawn(process.execPath, ['server/sim/demo-plant.ts', '--speed', String(speed)], {
    env: { ...process.env, CLEARLINE_URL: url, CLEARLINE_EDGE_KEY: edgeKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n')) if (line.trim()) log.info({ sim: line.trim() }, 'simulator');
  });
  child.on('exit', (code, signal) => log.warn({ code, signal }, 'simulator stopped'));
  return child;
}
