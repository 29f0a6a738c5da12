// A real relay as its own process (`node server/main.ts`): so a test can SIGKILL it or restart it on
// the same address and data, and so a bench's harness does not share its CPU time or heap. Seeded
// (unless told not to) with an operator and an edge key directly in its store first.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createEdgeKey } from '../auth/edge-keys.ts';
import { slowHash } from '../auth/hash.ts';
import { openStore } from '../store/open.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Password of the users `startRelayProcess` seeds. */
export const BENCH_PASSWORD = 'bench-password-123';

export interface RelayProcess {
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** Edge key that may publish to every plant ('' when not seeded and none was given). */
  key: string;
  child: ChildProcess;
  output(): string;
  /** Resident set size now and its peak (VmHWM), in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number };
  /** Signs in as a seeded user (the bench operator by default) over HTTP; returns the cookie header value. */
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
  /** Sends `signal` (SIGKILL by default: no clean-up in the relay) and waits for the exit; the data stays. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  /** Data folder; a new temp folder when omitted. Reused as is when it already holds a store. */
  dir?: string;
  /** Working directory: the relay serves `<cwd>/dist` when it exists. */
  cwd?: string;
  env?: Record<string, string>;
  /** Arguments after `server/main.ts`. */
  args?: string[];
  /** Seeds the store (users, edge key); off when restarting on an existing folder or seeding elsewhere. */
  seed?: boolean;
  /** Edge key to reuse when not seeding. */
  key?: string;
  /** Fixed port (restarts keep the URL); 0 picks one. */
  port?: number;
  users?: { username: string; role: 'viewer' | 'operator' | 'supervisor' | 'engineer' | 'admin' }[];
  /**
   * 'load' (the default) lifts the per-session, per-edge-key and slow-browser bounds as the load rows
   * need; 'production' keeps the relay's own bounds (for tests of a relay as deployed).
   */
  bounds?: 'load' | 'production';
}

// The throughput row measures delivery to clients that read as fast as they can; the 16 MB slow-browser
// bound (tested in server/faults) would cut the slowest of 50 in a 54 MB burst. The load rows drive the
// relay as many users and edges would, through one sign-in and one edge key (hundreds of sockets, 200
// lines each, 100 k alert keys): the bounds of server/relay/bounds.ts would refuse that (tested in
// server/relay/*-bounds.test.ts).
const LOAD_BOUNDS: Record<string, string> = {
  MAX_BROWSER_QUEUE_MB: '512',
  MAX_CONNECTIONS_PER_SESSION: '100000', MAX_ROOMS_PER_CONNECTION: '100000', MAX_CONNECTIONS_PER_EDGE_KEY: '1000',
  MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR: '100000000',
};

/** A free loopback port (so a killed relay can be started again on the same address). */
export function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * The data folder of one relay instance on a shared PostgreSQL: its store watermark and audit anchor
 * are its own (the same name gives the same folder, so a restarted instance finds them again).
 */
export function instanceDir(name: string): string {
  const dir = join(tmpdir(), `clearline-instance-${process.pid}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Signs in on a relay (process) as a person does; returns the session cookie header. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username} at ${url}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
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

/** Starts `node server/main.ts` as its own process and resolves once it prints the URL it listens on. */
export async function startRelayProcess(opts: StartOptions = {}): Promise<RelayProcess> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'clearline-bench-'));
  const ownDir = !opts.dir;
  const key = opts.seed === false ? opts.key ?? '' : await seedStore(dir, opts.users ?? [{ username: 'bench-op', role: 'operator' }], opts.env?.DATABASE_URL);
  const child = spawn(process.execPath, [join(ROOT, 'server', 'main.ts'), ...(opts.args ?? [])], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port ?? 0), DATA_DIR: dir, LOG_LEVEL: 'warn',
      ...(opts.bounds === 'production' ? {} : LOAD_BOUNDS), ...opts.env },
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
    login: (username = 'bench-op') => signIn(url, username, BENCH_PASSWORD),
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
    async kill(signal = 'SIGKILL') {
      reader?.close();
      reader = null;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
  return relay;
}
