import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { InferenceResult, type IngestAck } from '../../src/protocol/inference.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let edge: Socket;
let key: string;
let tried = 0;

beforeAll(async () => {
  relay = await startRelay();
  key = await relay.edgeKey([{ plant: 'p1' }]);
  edge = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((ok) => edge.once('connect', () => ok()));
});
afterAll(async () => {
  console.log(`bad-input suite: ${tried} generated payloads tried on socket.io and HTTP ingest`);
  edge.close();
  await relay.close();
});

const FIELDS = ['id', 'ts', 'plant', 'line', 'asset', 'model', 'score', 'threshold', 'label', 'priority', 'baseValue', 'attributions', 'drift', 'meta', '__proto__', 'constructor'];
let n = 0;
/** A valid result with one field replaced by anything at all (or a hostile key added). */
const mutated = fc.tuple(fc.constantFrom(...FIELDS), fc.anything({ withNullPrototype: true, maxDepth: 3 })).map(([field, value]) => {
  const r: Record<string, unknown> = { ...result(++n, { id: `fc-${n}` }) };
  Object.defineProperty(r, field, { value, enumerable: true, configurable: true, writable: true });
  return r;
});
const payload = fc.array(fc.oneof(mutated, fc.anything({ maxDepth: 2 })), { minLength: 1, maxLength: 20 });

it('answers every generated socket.io payload item by item and keeps going', async () => {
  await fc.assert(fc.asyncProperty(payload, async (items) => {
    tried += items.length;
    const wire = JSON.parse(JSON.stringify(items)) as unknown[]; // what actually crosses the socket
    const ack = (await edge.emitWithAck('inference', wire)) as IngestAck;
    // Valid: the schema takes it, the key's scope (p1) covers it, and it is not stamped beyond the
    // relay's edge-clock tolerance (15 min by default).
    const valid = wire.map((x) => InferenceResult.safeParse(x)).filter((p) => p.success && p.data.plant === 'p1' && p.data.ts <= Date.now() + 15 * 60_000);
    const validIds = new Set(valid.map((p) => p.data!.id));
    expect(new Set(ack.accepted)).toEqual(validIds);
    expect(ack.rejected.every((r) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
    expect(ack.accepted.length + ack.rejected.length).toBeGreaterThanOrEqual(Math.min(wire.length, 1));
  }), { numRuns: 60 });
  expect(Object.getPrototypeOf({}).polluted).toBeUndefined();
});

it('answers every generated HTTP body with a clear error or a per-item result', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(payload.map((p) => JSON.stringify(p)), fc.string(), fc.uint8Array({ maxLength: 300 })), async (body) => {
    tried++;
    const res = await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
    expect([202, 400, 429]).toContain(res.status);
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status === 400) expect(String(answer.error)).toMatch(/invalid/);
    else expect(Array.isArray(answer.accepted)).toBe(true);
  }), { numRuns: 60 });
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const res = await fetch(`${relay.url}/api/v1/inferences`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: deep });
  expect(res.status).toBe(202); // one (nested) array item, refused by name
  const ack = (await res.json()) as IngestAck;
  expect(ack.rejected[0]!.reason).toMatch(/invalid/);
  tried++;
});

it('still takes valid traffic afterwards', async () => {
  const ack = (await edge.emitWithAck('inference', [result(100_001, { id: 'after-fuzz' })])) as IngestAck;
  expect(ack.accepted).toEqual(['after-fuzz']);
  expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
});
