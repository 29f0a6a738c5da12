import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_PASSWORD = 'e2e-demo-password';
export const DEMO_EDGE_KEY = 'e2e_demo_edge_key_0123456789';

export interface Demo {
  url: string;
  startedAt: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` exactly as a person would (install and build are no-ops when fresh), on an
 * ephemeral port with its own data folder, and resolves once it prints its URL.
 */
export async function startDemo(env: NodeJS.ProcessEnv = {}): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearline-e2e-'));
  const startedAt = Date.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    detached: true, // its own process group, so stop() ends npm, the relay and the simulator together
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, CLEARLINE_DEMO_PASSWORD: DEMO_PASSWORD, CLEARLINE_DEMO_EDGE_KEY: DEMO_EDGE_KEY, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL in 90 s:\n${out}`)), 90_000);
    const look = () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  return {
    url, startedAt, output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
