// An alert whose key is made of the longest valid plant, line, asset, model and label can be read and
// acted on everywhere an alert id travels: the REST timeline, REST commands and socket commands.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlertId, MAX_ALERT_ID_LENGTH } from '../../src/protocol/common.ts';
import { OperatorCommand, type CommandAck, type OperatorCommandInput } from '../../src/protocol/commands.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';
import { call, get, publish } from './route-testing.ts';

const longest = (c: string, tail = '') => c.repeat(64 - tail.length) + tail;
const place = { plant: longest('p'), line: longest('l') };
const model = { name: longest('m'), version: '1.0.0' };
const label = longest('x');
const idOf = (asset: string) => `${place.plant}/${place.line}/${asset}/${model.name}/${label}#1`;
const assets = { rest: longest('a', 'rest'), socket: longest('a', 'sock') };

let relay: TestRelay;
let operator: string;
let viewer: string;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('olga', 'operator');
  await relay.addUser('vic', 'viewer');
  [operator, viewer] = await Promise.all([relay.login('olga'), relay.login('vic')]);
  const t = Date.now() - 60_000;
  const results = Object.values(assets).flatMap((asset) => [0, 1, 2, 3].map((i) =>
    result(i, { id: `${asset.slice(-4)}-${i}`, ...place, asset, model, label, ts: t + i * 1000, score: 0.95 })));
  const ack = await publish(relay, await relay.edgeKey(), results);
  expect(ack.rejected).toEqual([]);
});
afterAll(() => relay.close());

const commands = (alertId: string): OperatorCommandInput[] => [
  { type: 'acknowledge', commandId: crypto.randomUUID(), alertId },
  { type: 'shelve', commandId: crypto.randomUUID(), alertId, reason: 'long id', minutes: 30 },
  { type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: 'real', reasons: [] },
];

it('reads the timeline of the alert with the longest id over REST', async () => {
  const id = idOf(assets.rest);
  expect(id.length).toBe(5 * 64 + 4 + 2);
  const res = await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  expect(res.json.alert).toMatchObject({ id, plant: place.plant, label });
});

it('acknowledges, shelves and takes feedback on it over REST', async () => {
  for (const c of commands(idOf(assets.rest))) {
    const res = await call(relay, operator, 'POST', '/api/v1/commands', c);
    expect([c.type, res.status, res.json]).toEqual([c.type, 200, { status: 'done', commandId: c.commandId }]);
  }
  const timeline = await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(idOf(assets.rest))}`);
  expect(timeline.json.alert).toMatchObject({ acknowledged: true, state: 'shelved' });
  expect(timeline.json.labels).toHaveLength(1);
});

it('acknowledges, shelves and takes feedback on it over the socket (as the panel does)', async () => {
  const socket = relay.browser(operator);
  for (const c of commands(idOf(assets.socket))) {
    const ack = (await socket.emitWithAck('command', c)) as CommandAck;
    expect([c.type, ack]).toEqual([c.type, { status: 'done', commandId: c.commandId }]);
  }
  socket.close();
});

it('declares one maximum id length, from the longest parts, that commands and paths all take', async () => {
  const longestPossible = `${idOf(assets.rest).slice(0, -2)}#${Number.MAX_SAFE_INTEGER}`;
  expect(longestPossible.length).toBe(MAX_ALERT_ID_LENGTH);
  expect(AlertId.safeParse(longestPossible).success).toBe(true);
  expect(OperatorCommand.safeParse(commands(longestPossible)[0]).success).toBe(true);
  // Not found, rather than refused for its length.
  expect((await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(longestPossible)}`)).status).toBe(404);
  const tooLong = `${longestPossible}9`;
  const refused = await call(relay, operator, 'POST', '/api/v1/commands', commands(tooLong)[0]);
  expect([refused.status, refused.json.reason]).toEqual([400, `invalid: alertId: Too big: expected string to have <=${MAX_ALERT_ID_LENGTH} characters`]);
  expect((await get(relay, viewer, `/api/v1/alerts/${encodeURIComponent(tooLong)}`)).status).toBe(414);
});
