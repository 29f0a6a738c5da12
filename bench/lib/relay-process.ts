// A real relay as its own process (`node server/main.ts`), so the harness does not share its CPU
// time or heap: seeded with a bench operator and an edge key directly in its SQLite store first.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEdgeKey } from '../../server/auth/edge-keys.ts';
import { slowHash } from '../../server/auth/hash.ts';
import { openStore } from '../../server/store/open.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BENCH_PASSWORD = 'bench-password-123';

export interface RelayProcess {
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** Edge key that may publish to every plant. */
  key: string;
  child: ChildProcess;
  output(): string;
  /** Resident set size now and its peak (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  /** Signs in as the bench operator over HTTP; returns the cookie header value. */
  login(username?: string): Promise<string>;
  metrics(): Promise<Record<string, number>>;
  /** Results waiting in the relay's engine queue (its /metrics gauge). */
  queueDepth(): Promise<number>;
  /** Open alerts in the relay's engine (sum of its /metrics gauge over states). */
  openAlerts(): Promise<number>;
  /** Highest stored change sequence, read from the SQLite file (a read-only WAL reader beside the relay). */
  latestSeq(): number;
  /** SIGTERM (graceful: drain, snapshot, close) and wait for exit; SIGKILL after 10 s. */
  stop(opts?: { keepData?: boolean }): Promise<void>;
  /** SIGKILL now, no clean-up in the relay. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Data folder; a new temp folder when omitted. Reused as is when it already holds a store. */
  dir?: string;
  /** Working directory: the relay serves `<cwd>/dist` when it exists. */
  cwd?: string;
  env?: Record<string, string>;
  /** Seeds the store (users, edge key); off when restarting on an existing folder. */
  seed?: boolean;
  /** Edge key to reuse when not seeding. */
  key?: string;
  /** Fixed port (restarts keep the URL); 0 picks one. */
  port?: number;
  users?: { username: string; role: 'viewer' | 'operator' | 'supervisor' | 'engineer' | 'admin' }[];
}

/** Seeds users and an edge key into the store (`DATABASE_URL`'s, else the SQLite file of `dir`); returns the key. */
export async function seedStore(dir: string, users: NonNullable<StartOptions['users']>, databaseUrl?: string): Promise<string> {
  const store = await openStore({ databaseUrl, sqliteFile: join(dir, 'clearline.sqlite') });
  try {
    const hash = await slowHash(BENCH_PASSWORD);
    for (const u of users) await store.upsertUser({ username: u.username, displayName: u.username, role: u.role, scopes: [{ plant: '*' }], passwordHash: hash }, Date.now());
    return (await createEdgeKey(store, 'bench edge', [{ plant: '*' }], Date.now())).key;
  } finally {
    await store.close();
  }
}

function readProcStatus(pid: number): { rssMb: number; peakMb: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

export async function startRelayProcess(opts: StartOptions = {}): Promise<RelayProcess> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'clearline-bench-'));
  const ownDir = !opts.dir;
  const key = opts.seed === false ? opts.key ?? '' : await seedStore(dir, opts.users ?? [{ username: 'bench-op', role: 'operator' }], opts.env?.DATABASE_URL);
  const child = spawn(process.execPath, [join(ROOT, 'server', 'main.ts')], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port ?? 0), DATA_DIR: dir, LOG_LEVEL: 'warn',
      // The throughput row measures delivery to clients that read as fast as they can; the 16 MB
      // slow-browser bound (tested in server/faults) would cut the slowest of 50 in a 54 MB burst.
      MAX_BROWSER_QUEUE_MB: '512',
      // The load rows drive the relay as many users and edges would, through one sign-in and one edge
      // key (hundreds of sockets, 200 lines each, 100 k alert keys): the bounds of server/relay/bounds.ts
      // would refuse that (tested in server/relay/*-bounds.test.ts).
      MAX_CONNECTIONS_PER_SESSION: '100000', MAX_ROOMS_PER_CONNECTION: '100000', MAX_CONNECTIONS_PER_EDGE_KEY: '1000',
      MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR: '100000000', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`relay printed no URL in 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`relay exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  const port = Number(new URL(url).port);
  let reader: DatabaseSync | null = null;
  const relay: RelayProcess = {
    url, port, pid: child.pid!, dir, key, child,
    output: () => out,
    memory: () => readProcStatus(child.pid!),
    async login(username = 'bench-op') {
      const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
    async metrics() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const m: Record<string, number> = {};
      for (const line of text.split('\n')) {
        const hit = /^clearline_(\S+?)(\{[^}]*\})? (\S+)$/.exec(line);
        if (hit) m[hit[1]! + (hit[2] ?? '')] = Number(hit[3]);
      }
      return m;
    },
    async queueDepth() {
      return (await relay.metrics()).ingest_queue_depth ?? 0;
    },
    async openAlerts() {
      const m = await relay.metrics();
      return Object.entries(m).filter(([k]) => k.startsWith('alerts{')).reduce((s, [, v]) => s + v, 0);
    },
    latestSeq() {
      reader ??= new DatabaseSync(join(dir, 'clearline.sqlite'), { readOnly: true });
      return Number((reader.prepare('select max(seq) as m from alert_changes').get() as { m: number | null }).m ?? 0);
    },
    async stop(o = {}) {
      reader?.close();
      reader = null;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      if (ownDir && !o.keepData) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      reader?.close();
      reader = null;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  return relay;
}
