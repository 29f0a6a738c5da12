// The engine's open-alert count per line (what the relay's ingest bound reads instead of scanning every
// key per result) must always equal the alerts it holds: through raises, reopenings, returns,
// acknowledgements, shelving, ticks and snapshot round trips, on random streams over several lines.
import { describe, expect, it } from 'vitest';
import { AlarmEngine } from './engine.ts';
import { actor, cmd, res, SEC, T0 } from './testkit.ts';

/** A small deterministic generator (mulberry32), so a failure reproduces from its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINES = ['l1', 'l2'];

function expectCounts(e: AlarmEngine) {
  for (const line of LINES) expect(e.openAlerts('p', line), `open alerts of p/${line}`).toBe(e.alerts({ plant: 'p', line }).length);
}

describe('open alerts per line', () => {
  it('is 0 for a line the engine has never seen', () => {
    expect(new AlarmEngine().openAlerts('nowhere', 'none')).toBe(0);
  });

  it.each([1, 2, 3, 4, 5])('equals the alerts held after every step of a random stream (seed %i)', (seed) => {
    const rnd = random(seed);
    let e = new AlarmEngine();
    let t = T0;
    for (let step = 0; step < 1500; step++) {
      t += Math.floor(rnd() * 3 * SEC);
      const pick = rnd();
      if (pick < 0.8) {
        const line = LINES[Math.floor(rnd() * LINES.length)]!;
        const asset = `a${Math.floor(rnd() * 6)}`;
        e.ingest(res(rnd() < 0.6 ? 0.9 : 0.2, t, { line, asset }));
      } else if (pick < 0.9) {
        const open = e.alerts();
        const a = open[Math.floor(rnd() * open.length)];
        if (a) e.command(rnd() < 0.7 ? cmd('acknowledge', { alertId: a.id }) : cmd('shelve', rnd() < 0.5 ? { alertId: a.id, reason: 'maintenance on it', minutes: 1 } : { alertId: a.id, reason: 'until it returns' }), actor('operator'), t);
      } else if (pick < 0.97) {
        e.tick(t);
      } else {
        // Restored engines count from the snapshot's alerts (both ways the relay restores).
        const snap = e.toSnapshot();
        if (rnd() < 0.5) e = new AlarmEngine({ snapshot: JSON.parse(JSON.stringify(snap)) });
        else e.restore(snap);
      }
      expectCounts(e);
    }
    expect(e.alerts().length).toBeGreaterThan(0);
  });
});

describe('knows', () => {
  it('tells whether a result’s alert key already exists, without creating it', () => {
    const e = new AlarmEngine();
    const r = res(0.1, T0, { asset: 'x', label: 'leak' });
    expect(e.knows(r)).toBe(false);
    expect(e.knows(r)).toBe(false);
    e.ingest(r);
    expect(e.knows(res(0.9, T0 + SEC, { asset: 'x', label: 'leak' }))).toBe(true);
    expect(e.knows(res(0.9, T0 + SEC, { asset: 'x' }))).toBe(false); // another label is another key
    expect(e.knows(res(0.9, T0 + SEC, { asset: 'x', label: 'leak', model: { name: 'other', version: '1' } }))).toBe(false);
  });
});
