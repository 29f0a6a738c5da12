import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import type { TruthRecord } from './demo.ts';
import { REPO_ROOT } from './skab.ts';

let relay: TestRelay;
beforeEach(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await relay.close();
});

/** Runs the demo plant entry point as the relay does (a child process with env), to completion. */
function runDemoPlant(env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./demo-plant.ts', import.meta.url)), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((ok) => child.on('exit', (code) => ok({ code, stdout, stderr })));
}

describe('demo plant process', () => {
  it('publishes through the real relay as an edge and logs the truth of what it plays', async () => {
    const key = await relay.edgeKey();
    const started = Date.now();
    const out = await runDemoPlant({ CLEARLINE_URL: relay.url, CLEARLINE_EDGE_KEY: key }, ['--speed', '10', '--seed', '4', '--duration', '30']);
    expect(out.code, out.stderr).toBe(0);
    const truths = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as TruthRecord);
    expect(truths.map((t) => `${t.truth}:${t.asset}`)).toEqual([
      'seasonal_drift:p104', 'seasonal_drift:p106', 'sensor_fault:p102', 'degradation:p103',
    ]);
    const fault = truths.find((t) => t.truth === 'sensor_fault')!;
    expect(fault.start).toBeGreaterThanOrEqual(started);
    expect(fault.end - fault.start).toBe(1000); // 10 scenario seconds at speed 10
    await relay.app.host.drain();
    expect(await relay.store.resultCount()).toBe(30 * 12);
    // the sensor fault became the demo's first alert, on the right asset
    const changes = await relay.store.changesAfter({ plant: 'demo' }, 0, 1000);
    const raised = changes.filter((c) => c.kind === 'raised');
    expect(raised[0]?.alert.asset).toBe('p102');
    expect(raised[0]!.at - fault.start).toBeLessThan(1000);
  });

  it('exits non-zero when the relay refuses its key', async () => {
    const out = await runDemoPlant({ CLEARLINE_URL: relay.url, CLEARLINE_EDGE_KEY: 'cl_wrong' }, ['--duration', '5']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/refused the edge key/);
  });
});
