// Bad input on MQTT ingest: generated results (fast-check), non-UTF-8 bytes, a message over 1 MB, deep
// nesting, prototype-pollution keys and a result whose plant disagrees with its topic. Any client the
// broker lets publish reaches the relay this way, with no HTTP status to refuse with, so every message
// must still be answered on its `/ack` topic (mostly with refusals), and a valid message published
// afterwards must be accepted. Only this file's relay connects to the broker, so no other bad-input
// file's relay answers these messages too.
import fc from 'fast-check';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { benchResult } from '../testing/results.ts';
import { until } from './support.ts';
import { countTried, expectStillServing, expectUnpolluted, mutate, plant, pollutionTexts, relayUnderAttack } from './bad-input-support.ts';

const target = relayUnderAttack(import.meta.filename, { mqtt: true });

describe('MQTT ingest', () => {
  it('answers every generated, oversized, non-UTF-8 or mismatched message on the ack topic', async () => {
    const edge = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const topic = `clearline/v1/${plant}/l1/pump-1/inference`;
    const acks: IngestAck[] = [];
    await edge.subscribeAsync(`${topic}/ack`, { qos: 1 });
    edge.on('message', (_t, b) => acks.push(JSON.parse(b.toString()) as IngestAck));
    let sent = 0;
    const publish = async (payload: string | Buffer) => {
      countTried();
      sent++;
      await edge.publishAsync(topic, payload, { qos: 1 });
    };
    const valid = benchResult('mq-ok', { plant, line: 'l1', asset: 'pump-1', score: 0.3 });
    await fc.assert(fc.asyncProperty(fc.oneof(mutate(valid as unknown as Record<string, unknown>), fc.jsonValue({ maxDepth: 3 })), async (p) => publish(JSON.stringify(p))), { numRuns: 150 });
    await publish(Buffer.from([0xff, 0xfe, 0xfd]));
    await publish(Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    await publish('x'.repeat(1024 * 1024 + 1));
    await publish('['.repeat(50_000) + ']'.repeat(50_000));
    for (const text of pollutionTexts(valid as unknown as Record<string, unknown>)) await publish(text);
    await publish(JSON.stringify({ ...valid, plant: 'other' }));
    await until(() => acks.length >= sent, 20_000, `${sent} MQTT acks (got ${acks.length})`);
    for (const a of acks) expect(Array.isArray(a.accepted) && Array.isArray(a.rejected)).toBe(true);
    expect(acks.filter((a) => a.rejected.length).length, 'refusals among the MQTT acks').toBeGreaterThan(sent / 2);
    // valid traffic still flows
    const n = acks.length;
    await edge.publishAsync(topic, JSON.stringify(benchResult('mq-after', { plant, line: 'l1', asset: 'pump-1', score: 0.3 })), { qos: 1 });
    await until(() => acks.slice(n).some((a) => a.accepted.includes('mq-after')), 10_000, 'the valid message to be accepted');
    await edge.endAsync();
    expectUnpolluted();
  }, 60_000);
});

it('still takes valid traffic and answers health afterwards', () => expectStillServing(target));
