/**
 * The demo plant as a real edge: `node server/sim/demo-plant.ts [--speed X] [--seed N] [--duration S]`
 * with env CLEARLINE_URL and CLEARLINE_EDGE_KEY (flags --url/--key override them). The relay starts
 * it as a child process in demo mode; it connects over socket.io through the edge client like any
 * edge. stdout carries one JSON line per scenario occurrence (`{"truth":…}`) so tests can check what
 * operators were shown; diagnostics go to stderr.
 *
 * The scenario clock starts when the relay first accepts the connection, so the first alert comes
 * ~10 s after the demo is live, not after however long the relay took to start.
 */
import { parseArgs } from 'node:util';
import { DemoPlant } from './demo.ts';
import { EdgeClient } from './edge-client.ts';

const { values: v } = parseArgs({
  options: {
    speed: { type: 'string', default: process.env.CLEARLINE_DEMO_SPEED ?? '1' },
    seed: { type: 'string', default: process.env.CLEARLINE_DEMO_SEED ?? '1' },
    /** Scenario seconds to run, then exit (default: forever). */
    duration: { type: 'string' },
    url: { type: 'string', default: process.env.CLEARLINE_URL ?? 'http://127.0.0.1:8080' },
    key: { type: 'string', default: process.env.CLEARLINE_EDGE_KEY },
  },
});
const speed = Number(v.speed);
const seed = Number(v.seed);
const duration = v.duration === undefined ? Infinity : Number(v.duration);
if (!(speed > 0) || !Number.isInteger(seed) || !(duration > 0) || !v.key) {
  console.error('usage: node server/sim/demo-plant.ts [--speed X>0] [--seed N] [--duration S] (needs CLEARLINE_EDGE_KEY or --key)');
  process.exit(1);
}

const log = (msg: string): void => {
  console.error(`[demo-plant] ${msg}`);
};
const client = new EdgeClient({
  url: v.url, key: v.key, batchSize: 100, flushMs: 10, maxBuffer: 5000,
  onStatus: (status, detail) => log(`relay ${status}${detail ? `: ${detail}` : ''}`),
  onRejected: (r) => log(`rejected ${r.id}: ${r.reason}`),
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const counts = await client.close(2000);
    log(`stopped: ${JSON.stringify(counts)}`);
  }
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
// Started by the relay: if the relay dies without stopping us, do not publish into the void forever.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop(0);
}, 2000).unref();

while (!(await client.ready(10_000))) {
  if (client.refused) {
    log(`the relay refused the edge key: ${client.lastError}`);
    await stop(2);
  }
  log(`waiting for the relay at ${v.url} (${client.lastError ?? 'no answer'})`);
}

const startMs = Date.now();
const plant = new DemoPlant({ seed, startMs, speed });
log(`live: seed ${seed}, speed ${speed}`);
// Ticks are scheduled against the start time, not chained, so timer lateness does not accumulate.
for (let second = 0; second < duration && !stopping; second++) {
  const wait = plant.wallTime(second) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const tick = plant.step();
  for (const t of tick.truths) console.log(JSON.stringify(t));
  for (const r of tick.results) client.publish(r);
}
await client.flush(5000);
await stop(0);
