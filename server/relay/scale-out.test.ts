import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommandAck } from '../../src/protocol/commands.ts';
import { createEdgeKey } from '../auth/edge-keys.ts';
import { slowHash } from '../auth/hash.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { openStore } from '../store/open.ts';
import { TestBrowser } from '../testing/browser.ts';
import { freePort, instanceDir, signIn, startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { TEST_PASSWORD } from '../testing/relay.ts';
import { ensureRedis, freshDatabase } from '../testing/services.ts';
import { seqDifferences } from '../testing/seqs.ts';
import { resultStream } from '../testing/stream.ts';

const plant = `scale${process.pid}`;
const room = { plant, line: 'a' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: Awaited<ReturnType<typeof freshDatabase>>;
let key: string;
let a: RelayProcess;
let b: RelayProcess;
let portA: number;

const launch = (lines: string, port: number) => startRelayProcess({ dir: instanceDir(`${plant}-${lines}`), port, seed: false, bounds: 'production',
  env: { DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_STREAM: `test-${plant}`, LINES: lines } });

beforeAll(async () => {
  await ensureRedis();
  db = await freshDatabase('clearline_scale');
  const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
  await store.upsertUser({ username: 'olga', displayName: 'Olga', role: 'operator', scopes: [{ plant }], passwordHash: await slowHash(TEST_PASSWORD) }, Date.now());
  key = (await createEdgeKey(store, 'edge', [{ plant }], Date.now())).key;
  await store.close();
  portA = await freePort();
  [a, b] = await Promise.all([launch(`${plant}/a`, portA), launch(`${plant}/b`, await freePort())]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
  await db?.drop();
});


it('two relays on PostgreSQL + Redis: browsers on either see everything once, through a kill -9 of the owner', async () => {
  const onA = new TestBrowser(a.url, await signIn(a.url, 'olga', TEST_PASSWORD), room);
  const onB = new TestBrowser(b.url, await signIn(b.url, 'olga', TEST_PASSWORD), room);
  await Promise.all([onA.connected(), onB.connected()]);
  const edge = new EdgeClient({ url: a.url, key, ackTimeoutMs: 2000, backoff: { baseMs: 100, maxMs: 1000 } });
  const { published, run: stream } = resultStream(edge, { plant, line: 'a' });

  await stream(4000);
  // ingested on A, seen by the browser on B
  await expect.poll(() => onB.shown.size, { timeout: 10_000 }).toBeGreaterThan(0);
  const open = [...onB.shown.values()].reverse().find((c) => c.alert.state === 'unacknowledged');
  expect(open, 'an unacknowledged alert reached B').toBeDefined();
  // acknowledged on B (which does not own the line), carried out by A, seen on A
  const ack = (await onB.socket.emitWithAck('command', { type: 'acknowledge', commandId: crypto.randomUUID(), alertId: open!.alert.id })) as CommandAck;
  expect(ack).toMatchObject({ status: 'done' });
  await expect.poll(() => [...onA.shown.values()].some((c) => c.kind === 'acknowledged' && c.alert.id === open!.alert.id), { timeout: 10_000 }).toBe(true);

  // kill -9 the owner mid-stream, then restart it on the same address
  const streaming = stream(6000);
  await sleep(1500);
  await a.kill('SIGKILL');
  await sleep(1500);
  a = await launch(`${plant}/a`, portA);
  await streaming;
  expect(await edge.flush(30_000)).toBe(true);
  await edge.close();

  const store = await openStore({ databaseUrl: db.url, sqliteFile: '' });
  try {
    // every acknowledged id stored exactly once; the client resent what was not acknowledged
    const rows = await store.db.selectFrom('results').select('id').where('plant', '=', plant).execute();
    expect(rows.length).toBe(new Set(rows.map((r) => r.id)).size);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(published));
    // every browser ends with exactly the changes the store holds: none missing, none shown twice.
    // Deadlines (off-delays, held updates) may still add changes after the stream, so the store is read
    // again on every try; it ends when both browsers and the store agree.
    const storedSeqs = async () => (await store.changesAfter(room, 0, 100_000)).map((c) => c.seq);
    await expect.poll(async () => {
      const stored = await storedSeqs();
      return [onA.seqs(), onB.seqs()].map((shown) => seqDifferences(shown, stored));
    }, { timeout: 20_000 }).toEqual([null, null]);
  } finally {
    await store.close();
    onA.close();
    onB.close();
  }
}, 120_000);
