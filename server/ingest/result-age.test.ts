// Results stamped long before the relay's clock (epoch 0, a year 1 ISO time, older than MAX_RESULT_AGE_DAYS)
// are refused naming `ts` on every way in: REST, socket.io and MQTT; recent ones in the same batch are taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { io as connect } from 'socket.io-client';
import { InferenceResult, type IngestAck, type InferenceResultInput } from '../../src/protocol/inference.ts';
import { loadConfig } from '../config.ts';
import { ensureMosquitto } from '../testing/services.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

const DAY = 86_400_000;
const plant = `age${process.pid}`;
const where = { plant, line: 'l1', asset: 'pump-1' };
let relay: TestRelay;
let key: string;

/** One batch per way in: four results too old (or before 1970) and one recent, ids prefixed per path. */
function batch(prefix: string): InferenceResultInput[] {
  const now = Date.now();
  return [
    result(1, { ...where, id: `${prefix}-epoch0`, ts: 0 }),
    result(2, { ...where, id: `${prefix}-1970`, ts: '1970-01-01T00:00:00Z' as never }),
    result(3, { ...where, id: `${prefix}-year1`, ts: '0001-01-01T00:00:00Z' as never }),
    result(4, { ...where, id: `${prefix}-8days`, ts: now - 8 * DAY }),
    result(5, { ...where, id: `${prefix}-6days`, ts: now - 6 * DAY }),
  ];
}

function expectTooOldRefused(ack: IngestAck, prefix: string) {
  expect(ack.accepted).toEqual([`${prefix}-6days`]);
  expect(ack.rejected.map((r) => r.id)).toEqual([`${prefix}-epoch0`, `${prefix}-1970`, `${prefix}-year1`, `${prefix}-8days`]);
  for (const r of ack.rejected) expect(r.reason).toMatch(/^invalid: ts: /);
  expect(ack.rejected[0]!.reason).toMatch(/^invalid: ts: 1970-01-01T00:00:00.000Z is older than the relay takes \(.* at the earliest, MAX_RESULT_AGE_DAYS\); check the edge's clock \(NTP\)$/);
  expect(ack.rejected[2]!.reason).toMatch(/^invalid: ts: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z \(epoch 0\)$/);
}

beforeAll(async () => {
  await ensureMosquitto();
  relay = await startRelay({ maxResultAgeMs: 7 * DAY, mqttUrl: 'mqtt://127.0.0.1:1883' });
  key = await relay.edgeKey();
});
afterAll(() => relay?.close());

describe('the wire protocol', () => {
  it('refuses ISO times before 1970 (year 1, year 999) as it refuses negative epoch numbers, naming ts', () => {
    for (const ts of ['0001-01-01T00:00:00Z', '0999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', -1]) {
      const parsed = InferenceResult.safeParse(result(1, { ts: ts as never }));
      expect(parsed.success, String(ts)).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(['ts']);
    }
    expect(InferenceResult.parse(result(1, { ts: '1970-01-01T00:00:00Z' as never })).ts).toBe(0);
  });
});

describe('the relay', () => {
  it('refuses too old results over REST', async () => {
    const res = await fetch(`${relay.url}/api/v1/inferences`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(batch('rest')),
    });
    expect(res.status).toBe(202);
    expectTooOldRefused((await res.json()) as IngestAck, 'rest');
  });

  it('refuses too old results over socket.io', async () => {
    const edge = connect(`${relay.url}/edge`, { auth: { key }, transports: ['websocket'], forceNew: true, reconnection: false });
    expectTooOldRefused((await edge.emitWithAck('inference', batch('sock'))) as IngestAck, 'sock');
    edge.close();
  });

  it('refuses too old results over MQTT', async () => {
    const edge = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const topic = `clearline/v1/${plant}/l1/pump-1/inference`;
    const acks: IngestAck[] = [];
    await edge.subscribeAsync(`${topic}/ack`, { qos: 1 });
    edge.on('message', (_t, b) => acks.push(JSON.parse(b.toString()) as IngestAck));
    await edge.publishAsync(topic, JSON.stringify(batch('mqtt')), { qos: 1 });
    // Other relays on the same broker (parallel test files) answer too: ours is the one that took one result.
    await expect.poll(() => acks.find((a) => a.accepted.length === 1), { timeout: 10_000 }).toBeDefined();
    expectTooOldRefused(acks.find((a) => a.accepted.length === 1)!, 'mqtt');
    await edge.endAsync();
  });
});

it('MAX_RESULT_AGE_DAYS is configuration: 7 days by default, a bad value named', () => {
  expect(loadConfig({}).MAX_RESULT_AGE_DAYS).toBe(7);
  expect(loadConfig({ MAX_RESULT_AGE_DAYS: '0.5' }).MAX_RESULT_AGE_DAYS).toBe(0.5);
  expect(() => loadConfig({ MAX_RESULT_AGE_DAYS: '0' })).toThrow(/MAX_RESULT_AGE_DAYS/);
});
