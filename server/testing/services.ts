import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function waitFor(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
}

function aptInstall(pkg: string): void {
  if (process.getuid?.() !== 0 || !existsSync('/etc/debian_version')) throw new Error(`${pkg} is not installed and cannot be installed here (needs root on Debian)`);
  execSync(`apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${pkg}`, { stdio: 'inherit' });
}

/** PostgreSQL on 127.0.0.1:5432, started from Debian's package when it is not running. */
export async function ensurePostgres(): Promise<void> {
  if (await portOpen(5432)) return;
  if (!existsSync('/etc/postgresql')) aptInstall('postgresql');
  const version = readdirSync('/etc/postgresql')[0];
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'inherit' });
  await waitFor(5432, 30_000);
}

/** A fresh, empty PostgreSQL database for one test file; dropped by the returned function. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  await ensurePostgres();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Redis on 127.0.0.1:6379, started from Debian's package when it is not running. */
export async function ensureRedis(): Promise<void> {
  if (await portOpen(6379)) return;
  if (!existsSync('/usr/bin/redis-server')) aptInstall('redis-server');
  execSync('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no', { stdio: 'inherit' });
  await waitFor(6379, 15_000);
}

/** Mosquitto on 127.0.0.1:1883, started from Debian's package when it is not running. */
export async function ensureMosquitto(): Promise<void> {
  if (await portOpen(1883)) return;
  if (!existsSync('/usr/sbin/mosquitto')) aptInstall('mosquitto');
  execSync('mosquitto -d -p 1883', { stdio: 'inherit' });
  await waitFor(1883, 15_000);
}
