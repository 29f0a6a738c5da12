import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { REPO_ROOT, SKAB_VALVE1_RUNS } from './skab.ts';

let relay: TestRelay;
beforeEach(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await relay.close();
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./replay-cli.ts', import.meta.url)), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, stdout, stderr })));
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;

describe('replay CLI', () => {
  it('replays a valve1 run into the relay; a rerun is idempotent', async () => {
    const key = await relay.edgeKey();
    const args = [SKAB_VALVE1_RUNS[3]!, '--plant', 'lab', '--line', 'bed', '--asset', 'pump1', '--fit-rows', '400', '--url', relay.url, '--model', 'valve-ref@1.0'];
    const first = await cli(args, { CLEARLINE_EDGE_KEY: key });
    expect(first.code, first.stderr).toBe(0);
    expect(lastJson(first.stdout)).toMatchObject({ accepted: 1148, rejected: 0, dropped: 0 });
    await relay.app.host.drain();
    expect(await relay.store.resultCount()).toBe(1148);
    const changes = await relay.store.changesAfter({ plant: 'lab' }, 0, 1000);
    expect(changes.some((c) => c.kind === 'raised' && c.alert.label === 'anomaly' && c.alert.model.name === 'valve-ref')).toBe(true);

    const again = await cli([...args, '--key', key]);
    expect(again.code, again.stderr).toBe(0);
    expect(lastJson(again.stdout)).toMatchObject({ accepted: 1148 });
    await relay.app.host.drain();
    expect(await relay.store.resultCount()).toBe(1148);
  });

  it('warns when the fit data comes from another operating point', async () => {
    const out = await cli([SKAB_VALVE1_RUNS[0]!, '--plant', 'lab', '--line', 'bed', '--asset', 'pump1', '--url', relay.url, '--key', await relay.edgeKey()]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/fit data does not match this recording; try --fit-rows 400/);
  });

  it('exits 2 when the relay is unreachable and 1 on bad arguments', async () => {
    // a port that was just free: nothing listens there
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const { port } = probe.address() as { port: number };
    await new Promise((ok) => probe.close(ok));
    const down = await cli([SKAB_VALVE1_RUNS[0]!, '--plant', 'lab', '--line', 'bed', '--asset', 'a', '--fit-rows', '400', '--url', `http://127.0.0.1:${port}`, '--key', 'k', '--connect-timeout', '1500']);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/relay unreachable/);
    const bad = await cli(['--plant', 'lab']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/at least one CSV file.*--line.*--asset/s);
  });
});
