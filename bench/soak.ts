// `npm run soak [-- --minutes 10 --rate 500 --clients 100]`: a relay process under steady load for ten
// minutes (500 results/s from one edge over 20 lines, 100 socket.io browser clients, an operator
// acknowledging alerts), sampling its RSS and heap; reports their growth and every error seen.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { AlertChange } from '../src/protocol/alert.ts';
import { EdgeClient } from '../server/sim/edge-client.ts';
import { paced } from '../server/testing/edge.ts';
import { startRelayProcess, ROOT } from '../server/testing/relay-process.ts';
import { benchResult } from '../server/testing/results.ts';
import { sleep } from '../server/testing/wait.ts';
import { forkChild } from '../server/testing/rpc.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const MINUTES = arg('minutes', 10);
const RATE = arg('rate', 500);
const CLIENTS = arg('clients', 100);
const LINES = 20, ASSETS = 25;

interface Sample { s: number; rssMb: number; heapMb: number; lagMs: number; open: number; received: number; accepted: number }

const relay = await startRelayProcess();
const farm = forkChild(join(ROOT, 'bench/lib/client-farm.ts'));
const samples: Sample[] = [];
const errors: string[] = [];
try {
  const cookie = await relay.login();
  const subs = Array.from({ length: LINES }, (_, i) => ({ plant: 'soak', line: `l${i}` }));
  await farm.call('connect', { url: relay.url, n: CLIENTS, cookie, subs, kind: 'socketio' }, 120_000);

  // An operator acknowledging an unacknowledged alert every 2 s (the command path stays busy too).
  const op = io(relay.url, { transports: ['websocket'], extraHeaders: { cookie } });
  const unacked = new Map<string, AlertChange>();
  op.on('alert:change', (c: AlertChange) => (c.alert.state === 'unacknowledged' ? unacked.set(c.alert.id, c) : unacked.delete(c.alert.id)));
  await new Promise<void>((ok) => op.once('connect', () => ok()));
  await op.emitWithAck('subscribe', { plant: 'soak' });
  const acker = setInterval(() => {
    const first = unacked.keys().next();
    if (first.done) return;
    unacked.delete(first.value);
    op.timeout(10_000).emitWithAck('command', { type: 'acknowledge', commandId: randomUUID(), alertId: first.value })
      .then((a: { status: string; reason?: string }) => {
        if (a.status !== 'done' && !/not found|already|state/i.test(a.reason ?? '')) errors.push(`ack refused: ${a.reason}`);
      }, (e: Error) => errors.push(`ack: ${e.message}`));
  }, 2000);

  const edge = new EdgeClient({ url: relay.url, key: relay.key, maxBuffer: 50_000, onRejected: (r) => errors.length < 50 && errors.push(`rejected ${r.id}: ${r.reason}`) });
  await edge.ready();
  const started = Date.now();
  const sampler = setInterval(async () => {
    try {
      const m = await relay.metrics();
      const f = await farm.call<{ total: number; connected: number; errors: number }>('stats');
      const mem = relay.memory();
      samples.push({
        s: Math.round((Date.now() - started) / 1000), rssMb: mem.rssMb, heapMb: (m.process_nodejs_heap_size_used_bytes ?? 0) / 2 ** 20,
        lagMs: (m.process_nodejs_eventloop_lag_p99_seconds ?? m.process_nodejs_eventloop_lag_seconds ?? 0) * 1000,
        open: await relay.openAlerts(), received: f.total, accepted: edge.counts.accepted,
      });
      if (f.connected < CLIENTS) errors.push(`${CLIENTS - f.connected} clients disconnected at ${samples.at(-1)!.s} s`);
      const last = samples.at(-1)!;
      if (samples.length % 6 === 0) console.log(`[${String(last.s).padStart(4)} s] RSS ${last.rssMb.toFixed(0)} MB, heap ${last.heapMb.toFixed(0)} MB, loop lag p99 ${last.lagMs.toFixed(0)} ms, ${last.open} open alerts, ${last.accepted} results accepted, ${last.received} changes received`);
    } catch (e) {
      errors.push(`sample: ${(e as Error).message}`);
    }
  }, 10_000);

  // Each of 500 assets alternates an abnormal episode (20 results) and a normal one (40 results):
  // raises, updates, returns, clears and re-alarms all keep happening.
  let n = 0;
  await paced(RATE, MINUTES * 60_000, (k, now) => {
    for (let i = 0; i < k; i++, n++) {
      const a = n % (LINES * ASSETS), step = Math.floor(n / (LINES * ASSETS));
      const phase = (step + a) % 60;
      edge.publish(benchResult(`s${n}`, { plant: 'soak', line: `l${a % LINES}`, asset: `a${Math.floor(a / LINES)}`, ts: now, score: phase < 20 ? 0.95 : 0.3 }));
    }
  }, 20);
  clearInterval(sampler);
  clearInterval(acker);
  await edge.flush(30_000);
  const counts = await edge.close();
  op.close();
  if (counts.dropped) errors.push(`edge dropped ${counts.dropped} results`);
  const relayErrors = relay.output().split('\n').filter((l) => /"level":(50|60)/.test(l));
  errors.push(...relayErrors.slice(0, 20).map((l) => `relay: ${l.slice(0, 300)}`));
  if (relay.child.exitCode !== null) errors.push(`relay exited with ${relay.child.exitCode}`);

  // Growth: first sample after a minute of warm-up against the last; per hour, linearly.
  const warm = samples.find((x) => x.s >= 60) ?? samples[0]!;
  const last = samples.at(-1)!;
  const hours = Math.max(1e-9, (last.s - warm.s) / 3600);
  const summary = {
    minutes: MINUTES, ratePerS: RATE, clients: CLIENTS, results: n, accepted: counts.accepted, resent: counts.resent, rejected: counts.rejected,
    rss: { afterWarmupMb: warm.rssMb, endMb: last.rssMb, maxMb: Math.max(...samples.map((x) => x.rssMb)), growthMbPerHour: (last.rssMb - warm.rssMb) / hours },
    heap: { afterWarmupMb: warm.heapMb, endMb: last.heapMb, maxMb: Math.max(...samples.map((x) => x.heapMb)), growthMbPerHour: (last.heapMb - warm.heapMb) / hours },
    loopLagP99MaxMs: Math.max(...samples.map((x) => x.lagMs)),
    errors: errors.length,
  };
  console.log(`\nsoak: ${MINUTES} min, ${RATE} results/s, ${CLIENTS} clients — ${n} results published, ${counts.accepted} accepted, ${counts.resent} resent, ${counts.rejected} rejected`);
  console.log(`  RSS  ${summary.rss.afterWarmupMb.toFixed(0)} → ${summary.rss.endMb.toFixed(0)} MB (max ${summary.rss.maxMb.toFixed(0)}), ${summary.rss.growthMbPerHour.toFixed(1)} MB/h`);
  console.log(`  heap ${summary.heap.afterWarmupMb.toFixed(0)} → ${summary.heap.endMb.toFixed(0)} MB (max ${summary.heap.maxMb.toFixed(0)}), ${summary.heap.growthMbPerHour.toFixed(1)} MB/h`);
  console.log(`  event-loop lag p99 max ${summary.loopLagP99MaxMs.toFixed(0)} ms; errors: ${errors.length}${errors.length ? '\n    ' + errors.slice(0, 20).join('\n    ') : ''}`);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ summary, samples, errors }, null, 2));
  console.log(`details: ${file}`);
  process.exitCode = errors.length ? 1 : 0;
} finally {
  await sleep(100);
  await farm.stop();
  await relay.stop();
}
