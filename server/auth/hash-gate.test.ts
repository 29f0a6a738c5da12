import { describe, expect, it } from 'vitest';
import { BusyError, HashGate } from './hash-gate.ts';

/** A task the test finishes by hand, and whether it has started. */
function task() {
  let finish!: (v: string) => void;
  let fail!: (e: Error) => void;
  const t = { started: false, finish: (v: string) => finish(v), fail: (e: Error) => fail(e), fn: () => {
    t.started = true;
    return new Promise<string>((ok, ko) => ((finish = ok), (fail = ko)));
  } };
  return t;
}
const tick = () => new Promise((r) => setImmediate(r));

describe('HashGate', () => {
  it('runs at most `concurrency` at once, queues up to `queue` more and refuses the rest as busy', async () => {
    const gate = new HashGate(2, 1);
    const [a, b, c] = [task(), task(), task()];
    const pa = gate.run(a.fn), pb = gate.run(b.fn), pc = gate.run(c.fn);
    await tick();
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    expect(gate.waiting).toBe(1);
    await expect(gate.run(task().fn)).rejects.toBeInstanceOf(BusyError);
    a.finish('a');
    expect(await pa).toBe('a');
    await tick();
    expect(c.started).toBe(true);
    b.fail(new Error('scrypt failed'));
    await expect(pb).rejects.toThrow('scrypt failed');
    c.finish('c');
    expect(await pc).toBe('c');
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('work that must not be refused (hashing a new secret) waits in line even when the queue is full', async () => {
    const gate = new HashGate(1, 0);
    const [a, b] = [task(), task()];
    const pa = gate.run(a.fn);
    await expect(gate.run(task().fn)).rejects.toThrow(/^busy: /);
    const pb = gate.run(b.fn, { wait: true });
    await tick();
    expect(b.started).toBe(false);
    a.finish('a');
    await pa;
    await tick();
    expect(b.started).toBe(true);
    b.finish('b');
    expect(await pb).toBe('b');
  });
});
