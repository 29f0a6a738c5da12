// The alert key is plant/line/asset/model/label: a '/' inside the model name or the label would let two
// different conditions share one key (model `vib/x` label `y` = model `vib` label `x/y`), so results
// carrying one are refused naming the field. Alerts stored before keep being readable.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Alert } from '../../src/protocol/alert.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { AlarmEngine } from '../engine/engine.ts';
import { get, publish } from '../api/route-testing.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

let relay: TestRelay;
let viewer: string;
const t = Date.now() - 60_000;
const four = (prefix: string, over: Parameters<typeof result>[1]) => [0, 1, 2, 3].map((i) => result(i, { id: `${prefix}-${i}`, plant: 'keys', ts: t + i * 1000, score: 0.95, ...over }));

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('vic', 'viewer');
  viewer = await relay.login('vic');
});
afterAll(() => relay.close());

it("refuses a '/' in the model name or the label, naming the field, so no two conditions share an alert", async () => {
  const key = await relay.edgeKey();
  const ack = await publish(relay, key, [
    ...four('slash-model', { model: { name: 'vib/x', version: '1' }, label: 'y' }),
    ...four('slash-label', { model: { name: 'vib', version: '1' }, label: 'x/y' }),
  ]);
  expect(ack.accepted).toEqual([]);
  const reasons = (ack.rejected as { reason: string }[]).map((r) => r.reason);
  expect(reasons.slice(0, 4)).toEqual(Array(4).fill("invalid: model.name: must not contain '/' (it separates the parts of an alert's key)"));
  expect(reasons.slice(4)).toEqual(Array(4).fill("invalid: label: must not contain '/' (it separates the parts of an alert's key)"));
  // The same conditions named without a separator are two alerts.
  await publish(relay, key, [...four('model-x', { model: { name: 'vib-x', version: '1' }, label: 'y' }), ...four('label-x', { model: { name: 'vib', version: '1' }, label: 'x-y' })]);
  const open = (await get(relay, viewer, '/api/v1/alerts?plant=keys')).json as Alert[];
  expect(open.map((a) => a.key).sort()).toEqual(['keys/l1/pump-1/vib-x/y', 'keys/l1/pump-1/vib/x-y']);
});

it("still reads alerts whose model or label has a '/' (stored before the refusal)", () => {
  const e = new AlarmEngine();
  const old = InferenceResult.parse(result(1, { label: 'ok' }));
  for (let i = 0; i < 3; i++) e.ingest({ ...old, id: `old-${i}`, ts: old.ts + i, model: { name: 'vib/x', version: '1' }, label: 'y/z' });
  const [alert] = e.alerts();
  expect(alert!.id).toBe('p1/l1/pump-1/vib/x/y/z#1');
  expect(Alert.parse(JSON.parse(JSON.stringify(alert)))).toMatchObject({ model: { name: 'vib/x' }, label: 'y/z' });
});
