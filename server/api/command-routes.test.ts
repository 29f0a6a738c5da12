import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, episode, get, publish, T0 } from './route-testing.ts';
import { HTTP_STATUS_OF, type RefusalCode } from '../../src/protocol/refusal.ts';

let relay: TestRelay;
let sup: string;
let operator: string;
let viewer: string;
let alert: Alert;

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('olga', 'operator');
  await relay.addUser('vic', 'viewer');
  await relay.addUser('otto', 'supervisor', [{ plant: 'p2' }]);
  [sup, operator, viewer] = await Promise.all([relay.login('sue'), relay.login('olga'), relay.login('vic')]);
  await publish(relay, await relay.edgeKey(), episode('pump-1', T0, { below: 0 }));
  alert = ((await get(relay, sup, '/api/v1/alerts?plant=p1')).json as Alert[])[0]!;
});
afterAll(() => relay.close());

const send = (cookie: string | null, body: Record<string, unknown>, commandId: string = crypto.randomUUID()) =>
  call(relay, cookie, 'POST', '/api/v1/commands', { commandId, ...body });

describe('POST /api/v1/commands', () => {
  it('shelves (operator) and unshelves (supervisor) through the same handler as the socket, idempotently', async () => {
    const id = crypto.randomUUID();
    expect((await send(operator, { type: 'shelve', alertId: alert.id, reason: 'sensor being cleaned', minutes: 60 }, id)).json).toEqual({ status: 'done', commandId: id });
    expect((await send(operator, { type: 'shelve', alertId: alert.id, reason: 'sensor being cleaned', minutes: 60 }, id)).json).toEqual({ status: 'done', commandId: id });
    expect(((await get(relay, sup, '/api/v1/alerts?plant=p1')).json as Alert[])[0]).toMatchObject({ state: 'shelved', shelf: { by: 'olga' } });
    expect((await send(operator, { type: 'unshelve', alertId: alert.id })).status).toBe(403);
    expect((await send(sup, { type: 'unshelve', alertId: alert.id })).status).toBe(200);
    expect(((await get(relay, sup, '/api/v1/alerts?plant=p1')).json as Alert[])[0]).toMatchObject({ state: 'unacknowledged', shelf: null });
    expect((await send(sup, { type: 'unshelve', alertId: alert.id })).json.error).toMatch(/not shelved/);
  });

  it('takes an asset out of service with a reason and end time (supervisor), and back', async () => {
    const until = Date.now() + 3_600_000;
    expect((await send(operator, { type: 'out_of_service', plant: 'p1', line: 'l1', asset: 'pump-1', reason: 'overhaul', until })).status).toBe(403);
    expect((await send(sup, { type: 'out_of_service', plant: 'p1', line: 'l1', asset: 'pump-1', reason: 'overhaul', until })).status).toBe(200);
    expect(((await get(relay, sup, '/api/v1/alerts?plant=p1')).json as Alert[])[0]).toMatchObject({ state: 'out_of_service' });
    expect((await send(sup, { type: 'out_of_service', plant: 'p1', line: 'l1', asset: 'pump-1', reason: 'overhaul', until: 5 })).json.error).toMatch(/future/);
    expect((await send(sup, { type: 'return_to_service', plant: 'p1', line: 'l1', asset: 'pump-1' })).status).toBe(200);
  });

  it('refuses invalid commands naming the field, viewers, strangers and alerts outside the scope', async () => {
    const bad = await send(sup, { type: 'shelve', alertId: alert.id, reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/reason/);
    expect((await send(viewer, { type: 'acknowledge', alertId: alert.id })).status).toBe(403);
    expect((await send(null, { type: 'acknowledge', alertId: alert.id })).status).toBe(401);
    expect((await send(await relay.login('otto'), { type: 'acknowledge', alertId: alert.id })).status).toBe(404); // outside the scope: as if it did not exist
    expect((await send(sup, { type: 'acknowledge', alertId: 'p1/l1/none#1' })).status).toBe(404);
  });

  it('answers each refusal with its code, and the status of that code', async () => {
    const cases = [
      { answer: await send(sup, { type: 'shelve', alertId: alert.id, reason: '' }), code: 'invalid' },
      { answer: await send(operator, { type: 'unshelve', alertId: alert.id }), code: 'forbidden' },
      { answer: await send(sup, { type: 'acknowledge', alertId: 'p1/l1/none#1' }), code: 'not_found' },
      { answer: await send(sup, { type: 'unshelve', alertId: alert.id }), code: 'conflict' },
      { answer: await send(operator, { type: 'shelve', alertId: alert.id, reason: 'long job', minutes: 600 }), code: 'limit' },
    ];
    for (const { answer, code } of cases) {
      expect(answer.json).toMatchObject({ status: 'refused', code, error: expect.any(String) });
      expect(answer.status).toBe(HTTP_STATUS_OF[code as RefusalCode]);
    }
  });
});
