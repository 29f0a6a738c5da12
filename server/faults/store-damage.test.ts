// Fault: the SQLite store is damaged while the relay is down, then the relay (`node server/main.ts`, its
// own process) is started on it. (a) The WAL holding acknowledged results is deleted after a kill -9;
// (b) pages in the middle of the file are overwritten. Either way the relay must refuse to start, naming
// the file and what is wrong and pointing to README "Recovering from a backup", rather than serve a store
// that lost acknowledged data or answers "malformed" later. (c) A clean stop, and a kill -9 with the WAL
// intact, start again as before. (d) ACCEPT_RESTORED_DATABASE=1 accepts a deliberately older database
// once, and says so in the audit trail. (e) A store that starts answering "malformed" at run time makes
// /readyz not ready.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startRelayProcess, type RelayProcess } from '../testing/relay-process.ts';
import { benchResult } from '../testing/results.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { openStore } from '../store/open.ts';
import { startRelay } from '../testing/relay.ts';
import { until } from './support.ts';

const room = { plant: 'bench', line: 'l1' };
const T0 = Date.now() - 3_600_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Publishes `n` results and waits until every one is acknowledged; returns their ids. */
async function publish(url: string, key: string, n: number, prefix: string): Promise<string[]> {
  const edge = new EdgeClient({ url, key, ackTimeoutMs: 10_000 });
  expect(await edge.ready()).toBe(true);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  ids.forEach((id, i) => edge.publish(benchResult(id, { ...room, asset: `a${i % 10}`, ts: T0 + i * 100, score: i % 3 ? 0.3 : 0.95 })));
  expect(await edge.flush(30_000), `edge flushed (last error: ${edge.lastError})`).toBe(true);
  expect((await edge.close()).accepted).toBe(n);
  return ids;
}

interface Outcome {
  /** The URL it listens on, or null when it exited first. */
  url: string | null;
  code: number | null;
  output: string;
  /** SIGTERM (a clean stop) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no clean-up in the relay) and wait for the exit. */
  kill(): Promise<void>;
}

/** Starts `node server/main.ts` on `dir` and resolves once it listens or has exited. */
function runRelay(dir: string, env: Record<string, string> = {}): Promise<Outcome> {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const stop = end('SIGTERM');
  const kill = end('SIGKILL');
  cleanups.push(stop);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`relay neither listened nor exited in 60 s:\n${output}`)), 60_000);
    const look = (b: Buffer) => {
      output += b.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1]!, code: null, output, stop, kill });
      }
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      ok({ url: null, code, output, stop, kill });
    });
  });
}

/** The results an SQLite file holds by itself (a copy of it alone, without any WAL beside it). */
function resultsInFileAlone(file: string): number {
  const copy = join(mkdtempSync(join(tmpdir(), 'clearline-copy-')), 'copy.sqlite');
  copyFileSync(file, copy);
  const db = new DatabaseSync(copy, { readOnly: true });
  try {
    return Number((db.prepare('select count(*) as n from results').get() as { n: number }).n);
  } finally {
    db.close();
    rmSync(copy, { force: true });
  }
}

/** Overwrites `count` pages around the middle of an SQLite file with a byte pattern. */
function corruptMiddlePages(file: string, count: number): void {
  const pages = Math.floor(statSync(file).size / 4096);
  expect(pages, 'the file has enough pages to damage its middle').toBeGreaterThan(count * 4);
  const fd = openSync(file, 'r+');
  try {
    const junk = Buffer.alloc(4096 * count, 0xa5);
    writeSync(fd, junk, 0, junk.length, Math.floor(pages / 2) * 4096);
  } finally {
    closeSync(fd);
  }
}

async function readyStatus(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) })).status;
}

const watermarkOf = (dir: string): { marks?: Record<string, number> } | null => {
  try {
    return JSON.parse(readFileSync(join(dir, 'clearline.watermark'), 'utf8'));
  } catch {
    return null;
  }
};

describe('a damaged SQLite store at start (relay process)', () => {
  it('(a) refuses to start when the WAL holding acknowledged results was deleted after kill -9; (d) the override accepts a restore', async () => {
    const relay: RelayProcess = await startRelayProcess();
    cleanups.push(() => relay.stop());
    const file = join(relay.dir, 'clearline.sqlite');
    await publish(relay.url, relay.key, 400, 'w');
    // The relay records what it committed about once a second; give it the chance before the kill
    // (without a watermark the restart below simply starts, which is the defect this test is about).
    await until(() => (watermarkOf(relay.dir)?.marks?.results ?? 0) >= 400, 10_000, 'the watermark to record 400 results').catch(() => undefined);
    await relay.kill();
    rmSync(`${file}-wal`);
    expect(resultsInFileAlone(file), 'the deleted WAL held acknowledged results').toBeLessThan(400);

    const refused = await runRelay(relay.dir);
    expect(refused.url, `the relay must refuse to start; it said:\n${refused.output}`).toBeNull();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(file);
    expect(refused.output).toMatch(/missing data committed up to/);
    expect(refused.output).toMatch(/WAL lost or an older file restored/);
    expect(refused.output).toContain('Recovering from a backup');
    expect(refused.output, 'one clear message, not a stack trace').not.toMatch(/^\s+at /m);

    const accepted = await runRelay(relay.dir, { ACCEPT_RESTORED_DATABASE: '1' });
    expect(accepted.url, `the override starts the relay; it said:\n${accepted.output}`).not.toBeNull();
    expect(await readyStatus(accepted.url!)).toBe(200);
    await accepted.stop();
    const store = await openStore({ sqliteFile: file });
    try {
      const rows = await store.db.selectFrom('audit').selectAll().where('action', '=', 'store.restore_accepted').execute();
      expect(rows, 'the accepted restore is in the audit trail').toHaveLength(1);
    } finally {
      await store.close();
    }
    const again = await runRelay(relay.dir);
    expect(again.url, `once accepted, the restored store starts without the override; it said:\n${again.output}`).not.toBeNull();
    await again.stop();
  }, 240_000);

  it('(b) refuses to start when pages in the middle of the file are corrupted', async () => {
    const relay = await startRelayProcess();
    cleanups.push(() => relay.stop());
    const file = join(relay.dir, 'clearline.sqlite');
    await publish(relay.url, relay.key, 400, 'c');
    await relay.stop({ keepData: true });
    cleanups.push(() => rmSync(relay.dir, { recursive: true, force: true }));
    expect(existsSync(`${file}-wal`), 'a clean stop folds the WAL into the file').toBe(false);
    corruptMiddlePages(file, 3);

    const refused = await runRelay(relay.dir);
    expect(refused.url, `the relay must refuse to start; it said:\n${refused.output}`).toBeNull();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(file);
    expect(refused.output).toMatch(/malformed|integrity check/i);
    expect(refused.output).toContain('Recovering from a backup');
    expect(refused.output, 'one clear message, not a stack trace').not.toMatch(/^\s+at /m);
  }, 120_000);

  it('(c) starts again after a clean stop, and after kill -9 with its WAL intact', async () => {
    const relay = await startRelayProcess();
    cleanups.push(() => relay.stop());
    await publish(relay.url, relay.key, 200, 'k');
    await relay.stop({ keepData: true });
    cleanups.push(() => rmSync(relay.dir, { recursive: true, force: true }));
    const clean = await runRelay(relay.dir);
    expect(clean.url, `after a clean stop; it said:\n${clean.output}`).not.toBeNull();
    expect(await readyStatus(clean.url!)).toBe(200);
    await publish(clean.url!, relay.key, 200, 'm');
    await until(() => (watermarkOf(relay.dir)?.marks?.results ?? 0) >= 400, 10_000, 'the watermark to record 400 results').catch(() => undefined);
    await clean.kill();
    const afterKill = await runRelay(relay.dir);
    expect(afterKill.url, `after kill -9 with the WAL intact; it said:\n${afterKill.output}`).not.toBeNull();
    expect(await readyStatus(afterKill.url!)).toBe(200);
    await afterKill.stop();
    const store = await openStore({ sqliteFile: join(relay.dir, 'clearline.sqlite') });
    try {
      expect(await store.resultCount()).toBe(400);
    } finally {
      await store.close();
    }
  }, 180_000);
});

describe('a store that turns malformed at run time', () => {
  it('(e) makes /readyz answer not ready', async () => {
    const relay = await startRelay();
    cleanups.push(() => relay.close());
    await publish(relay.url, await relay.edgeKey(), 400, 'e');
    expect(await readyStatus(relay.url)).toBe(200);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(relay.store.db);
    corruptMiddlePages(join(relay.dir, 'clearline.sqlite'), 3);
    await sql`PRAGMA shrink_memory`.execute(relay.store.db); // drop cached pages: the next read sees the file
    await expect(sql`select sum(length(body)) as s from results`.execute(relay.store.db)).rejects.toThrow(/malformed/);
    expect(await readyStatus(relay.url), 'a store answering "malformed" is not ready').toBe(503);
  }, 60_000);
});
