// Tiny request/answer protocol over a forked child's IPC channel (the benches' client farm and plain
// server, the fault suite's flooder).
import { fork, type ChildProcess } from 'node:child_process';

export interface Child {
  proc: ChildProcess;
  call<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function forkChild(file: string): Child {
  const proc = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  let next = 0;
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  proc.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.fail(new Error(m.error));
    else w.ok(m.result);
  });
  proc.on('exit', (code) => {
    for (const w of waiting.values()) w.fail(new Error(`${file} exited (${code})`));
    waiting.clear();
  });
  return {
    proc,
    call<T>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 120_000) {
      const id = ++next;
      return new Promise<T>((ok, fail) => {
        const t = setTimeout(() => {
          waiting.delete(id);
          fail(new Error(`${cmd}: no answer in ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, { ok: (v) => (clearTimeout(t), ok(v as T)), fail: (e) => (clearTimeout(t), fail(e)) });
        proc.send({ id, cmd, ...args });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const done = new Promise((ok) => proc.once('exit', ok));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(t);
    },
  };
}

/** The child side: answers each request with what its handler returns. */
export function serve(handlers: Record<string, (args: Record<string, unknown>) => unknown>): void {
  process.on('message', (m: { id: number; cmd: string } & Record<string, unknown>) => {
    const h = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        return h(m);
      })
      .then((result) => process.send!({ id: m.id, result }), (err: Error) => process.send!({ id: m.id, error: err.stack ?? err.message }));
  });
  process.on('SIGTERM', () => process.exit(0));
}
