import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { EdgeIdentity } from '../auth/edge-keys.ts';
import type { Ingest } from './pipeline.ts';

/** MQTT topic of inference results: clearline/v1/{plant}/{line}/{asset}/inference. */
export const MQTT_TOPIC = 'clearline/v1/+/+/+/inference';
const TOPIC = /^clearline\/v1\/([^/]+)\/([^/]+)\/([^/]+)\/inference$/;
const MAX_MESSAGE = 1024 * 1024;

/**
 * Subscribes to the broker and feeds each message (one result or an array) through the same ingest
 * path as socket.io and HTTP. The topic must agree with each result's plant/line/asset, and the
 * broker's own ACLs decide who may publish; answers go to `.../inference/ack` for edges that listen.
 */
export function startMqttIngest(url: string, deps: { ingest: Ingest; log: Logger }): Promise<MqttClient> {
  const edge: EdgeIdentity = { keyId: 'mqtt', name: 'MQTT broker', scopes: [{ plant: '*' }] };
  const client = mqtt.connect(url, { reconnectPeriod: 2000, clientId: `clearline-relay-${process.pid}` });
  client.on('message', (topic, payload) => {
    const m = TOPIC.exec(topic);
    if (!m) return;
    const reply = (ack: unknown) => client.publish(`${topic}/ack`, JSON.stringify(ack), { qos: 1 });
    if (payload.length > MAX_MESSAGE) return reply({ accepted: [], rejected: [{ index: -1, code: 'payload_too_large', reason: 'too large: at most 1 MB per message' }] });
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return reply({ accepted: [], rejected: [{ index: -1, code: 'invalid', reason: 'invalid: message is not JSON' }] });
    }
    const items = Array.isArray(body) ? body : [body];
    const [, plant, line, asset] = m;
    const mismatch = items.findIndex((r) => typeof r !== 'object' || r === null || r.plant !== plant || r.line !== line || r.asset !== asset);
    if (mismatch >= 0) return reply({ accepted: [], rejected: [{ index: mismatch, code: 'invalid', reason: `topic: result plant/line/asset must match the topic ${plant}/${line}/${asset}` }] });
    deps.ingest(edge, items).then(reply, (err: Error) => deps.log.error({ err }, 'mqtt ingest'));
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => client.subscribe(MQTT_TOPIC, { qos: 1 }, (err) => (err ? reject(err) : resolve(client))));
    client.once('error', reject);
  });
}
