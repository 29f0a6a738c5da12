import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../src/protocol/alert.ts';
import { LabelRecord } from '../src/protocol/label.ts';
import { LABEL_CSV_COLUMNS } from './api/label-csv.ts';
import { call, episode, get, publish, T0 } from './api/route-testing.ts';
import { startRelay, TEST_PASSWORD, type TestRelay } from './testing/relay.ts';

const run = promisify(execFile);
let relay: TestRelay;
let operator: string;
let alerts: Alert[];

async function answer(alertId: string, a: 'real' | 'false_alarm') {
  const res = await call(relay, operator, 'POST', '/api/v1/commands', { type: 'feedback', commandId: crypto.randomUUID(), alertId, answer: a });
  expect(res.status).toBe(200);
}

const cli = (args: string[], env: Record<string, string> = {}) =>
  run('npm', ['run', '--silent', 'labels', '--', '--url', relay.url, ...args], { env: { ...process.env, ...env } })
    .then((r) => ({ code: 0, ...r }), (err: { code: number; stdout: string; stderr: string }) => err);

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('olga', 'operator');
  operator = await relay.login('olga');
  const key = await relay.edgeKey();
  for (let i = 0; i < 5; i++) await publish(relay, key, episode(`pump-${i}`, T0 + i * 60_000, { below: 0 }));
  alerts = (await get(relay, operator, '/api/v1/alerts?plant=p1')).json as Alert[];
  expect(alerts).toHaveLength(5);
  for (const a of alerts.slice(0, 3)) await answer(a.id, 'real');
});
afterAll(() => relay.close());

describe('npm run labels', () => {
  it('signs in, follows the cursor page by page and writes every label once; resumes from a cursor file', async () => {
    const out = join(relay.dir, 'labels.jsonl');
    const state = join(relay.dir, 'labels.cursor');
    const first = await cli(['--out', out, '--user', 'sue', '--password', TEST_PASSWORD, '--plant', 'p1', '--page', '2', '--cursor-file', state]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ labels: 3, requests: 2 });
    const lines = () => readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => LabelRecord.parse(JSON.parse(l)));
    expect(lines().map((l) => l.alertId)).toEqual(alerts.slice(0, 3).map((a) => a.id));
    expect(Number(readFileSync(state, 'utf8'))).toBe(JSON.parse(first.stdout).nextCursor);

    await answer(alerts[3]!.id, 'false_alarm');
    await answer(alerts[0]!.id, 'false_alarm');
    const second = await cli(['--out', out, '--append', '--plant', 'p1', '--page', '2', '--cursor-file', state], { CLEARLINE_USER: 'sue', CLEARLINE_PASSWORD: TEST_PASSWORD });
    expect(JSON.parse(second.stdout)).toMatchObject({ labels: 2 });
    const all = lines();
    expect(all).toHaveLength(5);
    expect(new Set(all.map((l) => l.id)).size).toBe(5);
    expect(all.slice(3).map((l) => [l.alertId, l.answer, l.version])).toEqual([[alerts[3]!.id, 'false_alarm', 1], [alerts[0]!.id, 'false_alarm', 2]]);

    const third = await cli(['--out', out, '--append', '--plant', 'p1', '--cursor-file', state], { CLEARLINE_USER: 'sue', CLEARLINE_PASSWORD: TEST_PASSWORD });
    expect(JSON.parse(third.stdout)).toMatchObject({ labels: 0, requests: 1 });
    expect(lines()).toHaveLength(5);
  });

  it('writes CSV with one header when the file ends in .csv, across pages and appends', async () => {
    const out = join(relay.dir, 'labels.csv');
    const env = { CLEARLINE_USER: 'sue', CLEARLINE_PASSWORD: TEST_PASSWORD };
    expect((await cli(['--out', out, '--plant', 'p1', '--page', '2', '--to', String(Date.now() + 60_000)], env)).code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe(LABEL_CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.startsWith('id,'))).toHaveLength(1);
  });

  it('fails clearly: missing arguments, wrong password, no rights, unreachable relay', async () => {
    const out = join(relay.dir, 'x.jsonl');
    const missing = await cli(['--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--user or CLEARLINE_USER/);
    const wrong = await cli(['--out', out, '--user', 'sue', '--password', 'nope'], {});
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/sign-in refused \(401\)/);
    const op = await cli(['--out', out, '--user', 'olga', '--password', TEST_PASSWORD, '--plant', 'p1']);
    expect(op.code).toBe(2);
    expect(op.stderr).toMatch(/export refused \(403\)/);
    writeFileSync(join(relay.dir, 'bad.cursor'), 'banana');
    expect((await cli(['--out', out, '--user', 'sue', '--password', TEST_PASSWORD, '--cursor-file', join(relay.dir, 'bad.cursor')])).code).toBe(1);
    const away = await run('npm', ['run', '--silent', 'labels', '--', '--url', 'http://127.0.0.1:9', '--out', out, '--user', 'sue', '--password', 'x']).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(away!.code).toBe(2);
    expect(away!.stderr).toMatch(/unreachable/);
  });
});
