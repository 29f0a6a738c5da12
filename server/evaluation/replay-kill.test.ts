import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { createEdgeKey } from '../auth/edge-keys.ts';
import { AlarmEngine } from '../engine/engine.ts';
import { SKAB_VALVE1_RUNS } from '../sim/skab.ts';
import { openStore } from '../store/open.ts';
import { freePort, startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'clearline-kill-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let relay: RelayProcess;
let key: string;
let launch: () => Promise<RelayProcess>;

beforeAll(async () => {
  const store = await openStore({ sqliteFile: join(dir, 'clearline.sqlite') });
  key = (await createEdgeKey(store, 'replay', [{ plant: 'skab' }], Date.now())).key;
  await store.upsertUser({ username: 'x', displayName: 'x', role: 'viewer', scopes: [], passwordHash: 'x' }, Date.now()); // no first-run set-up banner
  await store.close();
  const port = await freePort();
  launch = () => startRelayProcess({ dir, port, seed: false, bounds: 'production' });
  relay = await launch();
}, 60_000);
afterAll(async () => {
  await relay?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

it('kill -9 of the relay in the middle of a replay: every acknowledged id stored once, the rest resent, nothing counted twice', async () => {
  const cli = spawn(process.execPath, ['server/sim/replay-cli.ts', SKAB_VALVE1_RUNS[3]!, '--plant', 'skab', '--line', 'valve1', '--asset', 'pump',
    '--fit-rows', '400', '--speed', '150', '--url', relay.url, '--key', key,
    // The kill may land before the client's first connect on a loaded machine: it must outlast the restart.
    '--connect-timeout', '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  cli.stdout.on('data', (b: Buffer) => (out += b));
  cli.stderr.on('data', (b: Buffer) => (out += b));
  const exited = new Promise<number>((ok) => cli.once('exit', (code) => ok(code ?? -1)));
  await sleep(3000);
  await relay.kill('SIGKILL');
  await sleep(1500);
  relay = await launch();
  expect(await exited, out).toBe(0);
  const counts = JSON.parse(out.split('\n').find((l) => l.includes('"accepted"'))!) as { accepted: number; resent: number; dropped: number };
  expect(counts.resent, 'the client resent what the killed relay never answered').toBeGreaterThan(0);
  expect(counts.dropped).toBe(0);
  await relay.kill('SIGTERM'); // SIGTERM: a clean stop that writes the engine snapshot

  const store = await openStore({ sqliteFile: join(dir, 'clearline.sqlite') });
  try {
    const rows = await store.db.selectFrom('results').select(['id', 'body']).orderBy('ts').execute();
    expect(rows.length).toBe(counts.accepted);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // Nothing counted twice: a fresh engine fed each stored result once ends with the same counts.
    const fresh = new AlarmEngine();
    const expected = new Map<string, number>();
    for (const r of rows) {
      for (const e of fresh.ingest(InferenceResult.parse(JSON.parse(r.body)))) if (e.type === 'alert') expected.set(e.alert.id, e.alert.count);
    }
    const alerts = await store.db.selectFrom('alerts').select('body').execute();
    const actual = new Map(alerts.map((r) => JSON.parse(r.body) as { id: string; count: number }).map((a) => [a.id, a.count]));
    expect(expected.size).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
  } finally {
    await store.close();
  }
}, 120_000);
