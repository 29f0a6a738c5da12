import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('FairQueue', () => {
  it('keeps order within a lane and takes turns across lanes', async () => {
    const q = new FairQueue();
    const ran: string[] = [];
    const task = (name: string) => async () => { await tick(); ran.push(name); return name; };
    const all = [
      ...['f1', 'f2', 'f3', 'f4'].map((n) => q.run('flood', task(n))),
      q.run('calm', task('c1')),
      q.run('calm', task('c2')),
      q.run('relay', task('r1')),
    ];
    expect(await Promise.all(all)).toEqual(['f1', 'f2', 'f3', 'f4', 'c1', 'c2', 'r1']);
    // f1 starts before the others are queued; then the three lanes take turns.
    expect(ran).toEqual(['f1', 'f2', 'c1', 'r1', 'f3', 'c2', 'f4']);
  });

  it('runs one task at a time, passes failures to the caller and goes on', async () => {
    const q = new FairQueue();
    let active = 0, most = 0;
    const task = (fail: boolean) => async () => {
      most = Math.max(most, ++active);
      await tick();
      active--;
      if (fail) throw new Error('boom');
    };
    const results = await Promise.allSettled([q.run('a', task(false)), q.run('b', task(true)), q.run('a', task(false))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(most).toBe(1);
  });

  it('idle() waits for what was queued before it', async () => {
    const q = new FairQueue();
    const done: number[] = [];
    for (let i = 0; i < 5; i++) void q.run(`l${i % 2}`, async () => { await tick(); done.push(i); });
    await q.idle();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
