// `npm run bench [-- --quick] [-- --only=a,b,…]`: every budget row of DESIGN.md measured on this
// machine, each beside its target (and, for throughput, beside its baseline measured in the same run).
// Prints one table and writes the details to bench/results/<timestamp>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { catchUp, launchChromium, live, type CatchUpResult, type LiveResult } from './browser.ts';
import { build, panelRouteSize, type BundleResult } from './bundle.ts';
import { memory, type MemoryResult } from './memory.ts';
import { startRelayProcess, ROOT } from '../server/testing/relay-process.ts';
import { throughput, type ThroughputResult } from './throughput.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (row: string) => !only || only.includes(row);
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

interface Row {
  id: string;
  what: string;
  measured: string;
  target: string;
  ok: boolean | null;
  note?: string;
}
const rows: Row[] = [];
const details: Record<string, unknown> = {};
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : String(n));

async function row(id: string, what: string, target: string, fn: () => Promise<Omit<Row, 'id' | 'what' | 'target'>>) {
  if (!want(id)) return;
  log(`${id}: ${what}`);
  try {
    rows.push({ id, what, target, ...(await fn()) });
  } catch (err) {
    const e = err as Error;
    log(`${id} failed: ${e.stack ?? e.message}`);
    rows.push({ id, what, target, measured: 'error', ok: false, note: e.message.split('\n')[0]!.slice(0, 160) });
    details[id] = { error: e.stack ?? e.message };
  }
}

const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  ramGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  chromium: '',
  loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
};

// engine: bench/engine.bench.ts (the engine engineer's), run as a child process; its 1k-keys line.
await row('engine', 'alarm engine, 1 k keys (one core)', '≥ 200,000 results/s', async () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/engine.bench.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`engine.bench.ts exited ${r.status}: ${r.stderr}`);
  details.engine = r.stdout.trim().split('\n');
  const line = r.stdout.split('\n').find((l) => /^1k keys\s/.test(l) && !/abnormal/.test(l));
  const perS = Number(/([\d.]+) results\/s/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(perS)) throw new Error(`no "1k keys … results/s" line in:\n${r.stdout}`);
  return { measured: `${fmt(perS)} results/s`, ok: perS >= 200_000 };
});

const buildRoot = mkdtempSync(join(tmpdir(), 'clearline-bench-app-'));
let bundle: BundleResult | null = null;
if (want('f') || want('b') || want('c') || want('d')) {
  log('building the app (vite, with manifest) into a temp folder');
  try {
    bundle = panelRouteSize(buildRoot, build(buildRoot));
    details.f = bundle;
  } catch (err) {
    details.build = { error: (err as Error).message };
  }
}

await row('f', 'panel route first load, JS gzip (entry + panel chunk + their imports)', '≤ 200 kB', async () => {
  if (!bundle) throw new Error(`build failed: ${(details.build as { error: string }).error}`);
  return { measured: `${fmt(bundle.gzipKb, 1)} kB (${fmt(bundle.rawKb)} kB raw, ${bundle.files.length} files)`, ok: bundle.gzipKb <= 200, note: 'zlib level 6; the relay serves them compressed (br or gzip, as the browser asks)' };
});

if (want('b') || want('c') || want('d')) {
  let liveResult: LiveResult | Error | null = null;
  let catchResult: CatchUpResult | Error | null = null;
  const relay = bundle ? await startRelayProcess({ cwd: buildRoot }) : null;
  const browser = relay ? await launchChromium() : null;
  try {
    if (relay && browser) {
      machine.chromium = browser.version();
      if (want('b') || want('c')) {
        log(`(b)+(c): panel under 1,000 results/s for ${quick ? 10 : 60} s`);
        liveResult = await live(relay, browser, { quick, log }).catch((e: Error) => e);
        details.live = liveResult instanceof Error ? { error: liveResult.stack } : liveResult;
      }
      if (want('d')) {
        log(`(d): ${quick ? 5 : 30} s cut, then catch-up`);
        catchResult = await catchUp(relay, browser, { quick, log }).catch((e: Error) => e);
        details.d = catchResult instanceof Error ? { error: catchResult.stack } : catchResult;
      }
    }
  } finally {
    await browser?.close();
    await relay?.stop();
  }
  const need = <T,>(r: T | Error | null): T => {
    if (r instanceof Error) throw r;
    if (r === null) throw new Error('not run (build failed)');
    return r;
  };
  await row('b', 'edge publish → painted in Chromium, at 1,000 results/s', 'p50 < 20 ms, p99 < 100 ms', async () => {
    const r = need(liveResult);
    return {
      measured: `p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms (max ${fmt(r.maxMs)}; ${r.probesPainted}/${r.probes} probes)`,
      ok: r.p50Ms < 20 && r.p99Ms < 100,
      note: `${fmt(r.resultsPerS)} results/s published, ${fmt(r.changesPerS)} changes/s to the line, ${r.openAlerts} open alerts; publish → node socket.io client p50 ${fmt(r.deliveredP50Ms)} ms, p99 ${fmt(r.deliveredP99Ms)} ms; inside the relay (its emit histogram) p50 ≤ ${r.relayP50Ms} ms, p99 ≤ ${r.relayP99Ms} ms; ` +
        `event-loop delay p99/max: relay ${fmt(r.relayLoopP99Ms)}/${fmt(r.relayLoopMaxMs)} ms, harness ${fmt(r.harnessLoopP99Ms)}/${fmt(r.harnessLoopMaxMs)} ms`,
    };
  });
  await row('c', `panel under 1,000 alert changes/s for ${quick ? 10 : 60} s`, 'no long task > 50 ms, ≥ 50 fps', async () => {
    const r = need(liveResult);
    return {
      measured: `${r.longTasks} long tasks (longest ${fmt(r.longestTaskMs)} ms), ${fmt(r.fps, 1)} fps (worst frame ${fmt(r.worstFrameMs)} ms)`,
      ok: r.longTasks === 0 && r.fps >= 50,
      note: `${fmt(r.changesPerS)} changes/s reached the line's room`,
    };
  });
  await row('d', `reconnect after a ${quick ? 5 : 30} s cut`, '100 % of missed changes shown within 1 s', async () => {
    const r = need(catchResult);
    return {
      measured: `${fmt(r.share * 100)} % within 1 s (${r.shownWithin1s}/${r.missed}; all after ${fmt(r.catchUpMs)} ms)`,
      ok: r.share === 1,
      note: `socket.io reconnected ${fmt(r.reconnectDelayMs)} ms after the link came back (its back-off; the 1 s counts from then)${r.notShown.length ? `; never shown: ${r.notShown.join(', ')}` : ''}`,
    };
  });
}
rmSync(buildRoot, { recursive: true, force: true });

await row('a', 'relay throughput, ingest → engine → store → 50 clients', '≥ 50 % of plain socket.io', async () => {
  const r: ThroughputResult = await throughput({ quick, log });
  details.a = r;
  return {
    measured: `${fmt(r.relayChangesPerS)} vs ${fmt(r.plainChangesPerS)} changes/s to each client (${fmt(r.ratio * 100)} %)`,
    ok: r.ratio >= 0.5,
    note: `best of ${r.rounds} alternating round(s) of ${r.changesPerRound} changes (~${fmt(r.payloadBytes / 1024, 1)} kB each) to ${r.clients} clients; ` +
      `CPU s per 1000 changes: relay ${fmt(r.cpuPer1000.relay, 3)}, plain ${fmt(r.cpuPer1000.plain, 3)} (CPU-implied ratio ${fmt(r.cpuRatio * 100)} %)`,
  };
});

await row('e', `relay memory, ${quick ? '20 k' : '100 k'} stored alerts, 200 clients`, 'RSS ≤ 250 MB', async () => {
  const r: MemoryResult = await memory({ quick, log });
  details.e = r;
  return {
    measured: `${fmt(r.steadyRssMb)} MB RSS (idle ${fmt(r.idleRssMb)}, peak ${fmt(r.peakRssMb)})`,
    ok: r.steadyRssMb <= 250,
    note: `${r.alerts} open alerts on ${r.lines} lines, ${r.clients} clients; RSS ${fmt(r.afterIngestRssMb)} MB before clients${quick ? '; quick mode: fewer alerts than the budget' : ''}`,
  };
});

// ── the table ──
const headers = ['row', 'what', 'measured', 'target', 'result'];
const body = rows.map((r) => [r.id, r.what, r.measured, r.target, r.ok === null ? '—' : r.ok ? 'pass' : 'SHORT']);
const width = headers.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join(' │ ');
console.log(`\nClearline bench${quick ? ' (quick)' : ''} — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}, Chromium ${machine.chromium || 'n/a'}, load ${machine.loadAverageAtStart.join(' ')} at start`);
console.log(line(headers));
console.log(width.map((w) => '─'.repeat(w)).join('─┼─'));
for (const b of body) console.log(line(b));
const notes = rows.filter((r) => r.note);
if (notes.length) console.log('\n' + notes.map((r) => `  ${r.id}: ${r.note}`).join('\n'));
console.log(`\n${rows.filter((r) => r.ok).length} pass, ${rows.filter((r) => r.ok === false).length} short, in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const dir = join(ROOT, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ quick, startedAt: new Date(started).toISOString(), seconds: (Date.now() - started) / 1000, machine, rows, details }, null, 2));
console.log(`details: ${file}`);
