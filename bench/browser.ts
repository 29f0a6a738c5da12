// Rows (b), (c), (d): the line panel in Debian's Chromium against a relay process.
// (b) edge publish → painted: probe alerts (critical, so each new one becomes the panel's card) are
//     raised while 1,000 results/s flow; the page notes when the card shows each probe's alert
//     (MutationObserver, then requestAnimationFrame + setTimeout 0 = after that frame was painted);
//     latency = that moment (page Date.now()) − the moment the harness published the raising result
//     (harness Date.now(), same machine clock).
// (c) the same 1,000 results/s make ≥ 1,000 alert changes/s for the panel's line (500 open alerts each
//     updated twice a second, every update outside the relay's 250 ms coalescing window); the page counts
//     long tasks (PerformanceObserver 'longtask') and frames (requestAnimationFrame).
// (d) catch-up: the browser reaches the relay through a proxy that cuts every connection for 30 s while
//     alerts are raised and acknowledged; after the browser reconnects, the page notes when each missed
//     change is on screen.
import { chromium, type Browser, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chromiumLaunch } from '../playwright.config.ts';
import type { InferenceResultInput } from '../src/protocol/inference.ts';
import { EdgeClient } from '../server/sim/edge-client.ts';
import { paced, publishAll } from '../server/testing/edge.ts';
import { startProxy } from '../server/testing/proxy.ts';
import { BENCH_PASSWORD, type RelayProcess } from '../server/testing/relay-process.ts';
import { alertId, benchResult } from '../server/testing/results.ts';
import { sleep, until } from '../server/testing/wait.ts';
import { percentile } from './lib/percentile.ts';

export interface LiveResult {
  seconds: number;
  resultsPerS: number;
  changesPerS: number;
  openAlerts: number;
  probes: number;
  probesPainted: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Upper bucket bounds of the relay's own emit-latency histogram (publish reaching it → changes sent). */
  relayP50Ms: number;
  relayP99Ms: number;
  /** Event-loop delay over the phase: the relay's (its /metrics) and the harness's (edge + watcher). */
  relayLoopP99Ms: number;
  relayLoopMaxMs: number;
  harnessLoopP99Ms: number;
  harnessLoopMaxMs: number;
  /** Publish → the raise reaching a node socket.io client of the same room (the relay's share). */
  deliveredP50Ms: number;
  deliveredP99Ms: number;
  longTasks: number;
  longestTaskMs: number;
  fps: number;
  worstFrameMs: number;
}

export interface CatchUpResult {
  cutSeconds: number;
  missed: number;
  shownWithin1s: number;
  share: number;
  catchUpMs: number;
  reconnectDelayMs: number;
  notShown: string[];
}

interface PageBench {
  longtasks: { start: number; dur: number }[];
  frames: number;
  worstGap: number;
  startedAt: number;
  cards: { id: string; t: number }[];
  expected: Record<string, number>;
}

/** Installed in the page: long tasks, frames, and the moments the card shows a new alert. */
function instrument() {
  const w = window as unknown as { __bench: PageBench };
  const b: PageBench = { longtasks: [], frames: 0, worstGap: 0, startedAt: performance.now(), cards: [], expected: {} };
  w.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask' });
  let last = performance.now();
  const frame = (t: number) => {
    w.__bench.frames++;
    w.__bench.worstGap = Math.max(w.__bench.worstGap, t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let shown: string | null = null;
  new MutationObserver(() => {
    const id = document.querySelector('[data-testid="alert-card"]')?.getAttribute('data-alert-id') ?? null;
    if (id === null || id === shown) return;
    shown = id;
    // After the frame that contains this DOM change has been rendered.
    requestAnimationFrame(() => setTimeout(() => w.__bench.cards.push({ id, t: Date.now() }), 0));
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-alert-id'] });
}

function resetCounters() {
  const b = (window as unknown as { __bench: PageBench }).__bench;
  b.longtasks = [];
  b.frames = 0;
  b.worstGap = 0;
  b.startedAt = performance.now();
  b.cards = [];
}

/**
 * Installed in the page for (d): for each expectation (an alert row/card present, or present and
 * acknowledged) the first moment (Date.now()) it holds on screen.
 */
function watchExpectations(list: { id: string; acked: boolean }[]) {
  const b = (window as unknown as { __bench: PageBench }).__bench;
  b.expected = {};
  const seen = new Set<string>();
  const check = () => {
    for (const e of list) {
      if (seen.has(e.id)) continue;
      const el = document.querySelector(`[data-alert-id="${CSS.escape(e.id)}"]`);
      if (!el) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight) continue; // in the DOM (list overscan) but not on screen
      // The card says its state in data-state; a row says it in a short word ("ack" / "unack").
      const acked = el.getAttribute('data-state') === 'acknowledged' || [...el.querySelectorAll('span')].some((s) => s.textContent?.trim() === 'ack');
      if (e.acked && !acked) continue;
      seen.add(e.id);
      requestAnimationFrame(() => setTimeout(() => (b.expected[e.id] = Date.now()), 0));
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  check();
}

async function openPanel(browser: Browser, baseUrl: string, path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  const login = await context.request.post(`${baseUrl}/api/v1/session`, { data: { username: 'bench-op', password: BENCH_PASSWORD } });
  if (login.status() !== 200) throw new Error(`login via ${baseUrl}: ${login.status()} ${await login.text()}`);
  const page = await context.newPage();
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('[data-testid="connection-banner"][data-status="live"]', { timeout: 30_000 });
  return page;
}

/** A node operator on the relay (not through the proxy): watches a room and sends commands. */
async function operator(relay: RelayProcess, room: { plant: string; line: string }): Promise<{ socket: Socket; changes: () => number; raisedAt: Map<string, number> }> {
  const cookie = await relay.login();
  const socket = io(relay.url, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } });
  let n = 0;
  const raisedAt = new Map<string, number>();
  socket.on('alert:change', (c: { kind: string; alert: { id: string } }) => {
    n++;
    if (c.kind === 'raised') raisedAt.set(c.alert.id, Date.now());
  });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', () => ok());
    socket.once('connect_error', fail);
  });
  const ack = (await socket.emitWithAck('subscribe', room)) as { status: string };
  if (ack.status === 'refused') throw new Error('operator subscribe refused');
  return { socket, changes: () => n, raisedAt };
}

const raise = (id: string, asset: string, line: string, priority: 'high' | 'critical', score = 0.95): InferenceResultInput[] =>
  [0, 1, 2].map((r) => benchResult(`${id}-${r}`, { plant: 'bench', line, asset, score, priority }));

/** p50/p99 (as the upper bound of their bucket, ms) of a Prometheus histogram between two scrapes. */
function histogramQuantiles(before: Record<string, number>, after: Record<string, number>, name: string) {
  const buckets = Object.keys(after).filter((k) => k.startsWith(`${name}_bucket{`)).map((k) => {
    const le = /le="([^"]+)"/.exec(k)![1]!;
    return { le: le === '+Inf' ? Infinity : Number(le) * 1000, n: after[k]! - (before[k] ?? 0) };
  }).sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.n ?? 0;
  const q = (p: number) => buckets.find((b) => b.n >= p * total)?.le ?? NaN;
  return { p50: q(0.5), p99: q(0.99) };
}

export async function live(relay: RelayProcess, browser: Browser, opts: { quick: boolean; log: (s: string) => void }): Promise<LiveResult> {
  const SECONDS = opts.quick ? 10 : 60;
  const BACKGROUND = 500;
  const RATE = 1000;
  const line = 'l1';
  // 500 open high alerts on the panel's line, raised before the page opens.
  const pre: InferenceResultInput[][] = [];
  for (let i = 0; i < BACKGROUND; i += 100) pre.push(Array.from({ length: 100 }, (_, j) => raise(`bg${i + j}`, `bg${i + j}`, line, 'high')).flat());
  await publishAll(relay.url, relay.key, pre, { lanes: 2 });
  const page = await openPanel(browser, relay.url, `/panel/bench/${line}`, { width: 1280, height: 800 });
  await page.waitForSelector('[data-testid="alert-card"]', { timeout: 30_000 });
  const watcher = await operator(relay, { plant: 'bench', line });
  await page.evaluate(instrument);
  const edge = new EdgeClient({ url: relay.url, key: relay.key, maxBuffer: 100_000 });
  await edge.ready();
  await sleep(1000);
  await page.evaluate(resetCounters);
  const published = new Map<string, number>();
  let bg = 0, probe = 0, n = 0;
  const PROBES_PER_S = 10; // each probe is 3 results (the on-delay), so background = RATE − 30/s
  const changes0 = watcher.changes();
  const hist0 = await relay.metrics(); // also resets the relay's event-loop delay histogram
  const harnessLoop = monitorEventLoopDelay({ resolution: 10 });
  harnessLoop.enable();
  const t0 = Date.now();
  let nextProbe = t0;
  const background = await paced(RATE - 3 * PROBES_PER_S, SECONDS * 1000, (k, now) => {
    if (now >= nextProbe) {
      nextProbe += 1000 / PROBES_PER_S;
      const asset = `probe${probe++}`;
      const rs = raise(asset, asset, line, 'critical');
      edge.publish(rs[0]!);
      edge.publish(rs[1]!);
      published.set(alertId('bench', line, asset), Date.now());
      edge.publish(rs[2]!); // the result that raises the alert
    }
    for (let i = 0; i < k; i++) {
      const b = bg++ % BACKGROUND;
      edge.publish(benchResult(`u${n++}`, { plant: 'bench', line, asset: `bg${b}`, score: 0.85 + (n % 10) / 100, priority: 'high', ts: now }));
    }
  });
  const sent = background + 3 * probe;
  const seconds = (Date.now() - t0) / 1000;
  const changes = watcher.changes() - changes0;
  const hist1 = await relay.metrics();
  const relayQ = histogramQuantiles(hist0, hist1, 'emit_latency_seconds');
  harnessLoop.disable();
  // Frames and long tasks over the load window only (the page's own clock).
  const window_ = await page.evaluate(() => {
    const b = (window as unknown as { __bench: PageBench }).__bench;
    return { frames: b.frames, worstGap: b.worstGap, longtasks: b.longtasks, seconds: (performance.now() - b.startedAt) / 1000 };
  });
  await edge.flush(10_000);
  await sleep(1500);
  const b = await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench);
  await edge.close();
  watcher.socket.close();
  await page.context().close();

  const painted = new Map<string, number>();
  for (const c of b.cards) if (!painted.has(c.id)) painted.set(c.id, c.t);
  const lat: number[] = [];
  const delivered: number[] = [];
  for (const [id, t] of published) {
    const p = painted.get(id);
    if (p !== undefined) lat.push(p - t);
    const d = watcher.raisedAt.get(id);
    if (d !== undefined) delivered.push(d - t);
  }
  const open = await relay.openAlerts();
  return {
    seconds, resultsPerS: sent / seconds, changesPerS: changes / seconds, openAlerts: open,
    probes: published.size, probesPainted: lat.length, p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), maxMs: Math.max(...lat),
    relayP50Ms: relayQ.p50, relayP99Ms: relayQ.p99,
    relayLoopP99Ms: (hist1.process_nodejs_eventloop_lag_p99_seconds ?? NaN) * 1000, relayLoopMaxMs: (hist1.process_nodejs_eventloop_lag_max_seconds ?? NaN) * 1000,
    harnessLoopP99Ms: harnessLoop.percentile(99) / 1e6, harnessLoopMaxMs: harnessLoop.max / 1e6,
    deliveredP50Ms: percentile(delivered, 50), deliveredP99Ms: percentile(delivered, 99),
    longTasks: window_.longtasks.filter((t) => t.dur > 50).length, longestTaskMs: Math.max(0, ...window_.longtasks.map((t) => t.dur)),
    fps: window_.frames / window_.seconds, worstFrameMs: window_.worstGap,
  };
}

export async function catchUp(relay: RelayProcess, browser: Browser, opts: { quick: boolean; log: (s: string) => void }): Promise<CatchUpResult> {
  const CUT = opts.quick ? 5 : 30;
  const NEW = opts.quick ? 5 : 10;
  const line = 'l2';
  const proxy = await startProxy(relay.port);
  const edge = new EdgeClient({ url: relay.url, key: relay.key });
  await edge.ready();
  try {
    const pre = ['pre0', 'pre1', 'pre2'];
    for (const a of pre) for (const r of raise(a, a, line, 'high')) edge.publish(r);
    await edge.flush(10_000);
    // A tall panel, so that every alert of the line has a row on screen (the list is virtualised).
    const page = await openPanel(browser, proxy.url, `/panel/bench/${line}`, { width: 1280, height: 2000 });
    for (const a of pre) await page.waitForSelector(`[data-alert-id="${alertId('bench', line, a)}"]`, { timeout: 30_000 });
    await page.evaluate(instrument);
    const op = await operator(relay, { plant: 'bench', line });

    // Results keep flowing for the existing alerts all along (count updates; coalesced to 4/s each).
    let n = 0;
    const trickle = setInterval(() => {
      for (const a of pre) edge.publish(benchResult(`t${n++}`, { plant: 'bench', line, asset: a, score: 0.9, priority: 'high' }));
    }, 200);
    await sleep(1000);
    const missed: { id: string; acked: boolean }[] = [];
    proxy.cut();
    const cutAt = Date.now();
    // During the cut: NEW alerts raised and the three earlier ones acknowledged by another operator.
    const steps = NEW + pre.length;
    for (let s = 0; s < steps; s++) {
      await sleep(Math.max(0, cutAt + ((s + 0.5) * CUT * 1000) / steps - Date.now()));
      if (s % 4 === 3 && missed.filter((m) => m.acked).length < pre.length) {
        const id = alertId('bench', line, pre[missed.filter((m) => m.acked).length]!);
        const ack = (await op.socket.emitWithAck('command', { type: 'acknowledge', commandId: randomUUID(), alertId: id })) as { status: string; reason?: string };
        if (ack.status !== 'done') throw new Error(`ack refused: ${ack.reason}`);
        missed.push({ id, acked: true });
      } else {
        const asset = `cut${missed.filter((m) => !m.acked).length}`;
        for (const r of raise(asset, asset, line, 'high')) edge.publish(r);
        missed.push({ id: alertId('bench', line, asset), acked: false });
      }
    }
    await edge.flush(10_000);
    await sleep(Math.max(0, cutAt + CUT * 1000 - Date.now()));
    await page.evaluate(watchExpectations, missed);
    const before = await page.evaluate(() => Object.keys((window as unknown as { __bench: PageBench }).__bench.expected).length);
    if (before) throw new Error(`${before} changes were already on screen during the cut: the cut did not hold`);
    const resumedAt = Date.now();
    proxy.resume();
    await until(() => proxy.reconnectedAt() !== null, 30_000, 'the browser to reconnect');
    const reconnectedAt = proxy.reconnectedAt()!;
    await until(async () => (await page.evaluate(() => Object.values((window as unknown as { __bench: PageBench }).__bench.expected).filter((t) => t > 0).length)) >= missed.length, 15_000, 'every missed change on screen').catch(() => undefined);
    clearInterval(trickle);
    const shown = await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench.expected);
    op.socket.close();
    await page.context().close();
    const times = missed.map((m) => shown[m.id] ?? Infinity);
    const within = times.filter((t) => t <= reconnectedAt + 1000).length;
    return {
      cutSeconds: CUT, missed: missed.length, shownWithin1s: within, share: within / missed.length,
      catchUpMs: Math.max(...times) - reconnectedAt, reconnectDelayMs: reconnectedAt - resumedAt,
      notShown: missed.filter((m) => !shown[m.id]).map((m) => m.id),
    };
  } finally {
    await edge.close(2000);
    await proxy.close();
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunch, headless: true });
}
