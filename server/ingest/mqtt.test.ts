import { afterEach, beforeEach, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { ensureMosquitto } from '../testing/services.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
const plant = `mq${process.pid}`;

beforeEach(async () => {
  await ensureMosquitto();
  relay = await startRelay({ mqttUrl: 'mqtt://127.0.0.1:1883' });
});
afterEach(async () => relay.close());

it('ingests results published on the Mosquitto broker and answers on the ack topic', async () => {
  const edge = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
  const topic = `clearline/v1/${plant}/l1/pump-1/inference`;
  const acks: IngestAck[] = [];
  await edge.subscribeAsync(`${topic}/ack`, { qos: 1 });
  edge.on('message', (_t, b) => acks.push(JSON.parse(b.toString())));
  const batch = [1, 2, 3, 4].map((n) => result(n, { plant, id: `mq-${n}` }));
  await edge.publishAsync(topic, JSON.stringify(batch), { qos: 1 });
  await edge.publishAsync(topic, JSON.stringify({ ...result(9, { plant }), score: 'NaN' }), { qos: 1 });
  await edge.publishAsync(topic, JSON.stringify(result(10, { plant: 'elsewhere' })), { qos: 1 });
  await edge.publishAsync(topic, '{not json', { qos: 1 });
  await expect.poll(() => acks.length, { timeout: 10_000 }).toBe(4);
  const byKind = acks.map((a) => (a.accepted.length ? `accepted ${a.accepted.length}` : a.rejected[0]!.reason.split(':')[0]));
  expect(byKind.sort()).toEqual(['accepted 4', 'invalid', 'invalid', 'topic']);
  expect(await relay.store.resultCount()).toBe(4);
  await edge.endAsync();
});
