import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import type { Priority } from '../../src/protocol/common.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { AlarmEngine } from './engine.ts';
import { deriveState } from './states.ts';
import { actor, book, cmd, MIN, SEC, T0 } from './testkit.ts';
import type { EngineEvent } from './types.ts';

/**
 * One generated step: a burst of results of one key (time advances by `dt` first, then `every` between
 * its results), or an operator action on a seen alert.
 */
type Step =
  | { t: 'r'; line: number; asset: number; label: number; scores: number[]; every: number; dt: number; priority: Priority | null }
  | { t: 'fb'; pick: number; answer: 'real' | 'false_alarm' | 'not_sure'; dt: number }
  | { t: 'ack'; pick: number; dt: number }
  | { t: 'shelve'; pick: number; minutes: number | null; dt: number };

const resultStep = fc.record({
  t: fc.constant('r' as const),
  line: fc.nat(1),
  asset: fc.nat(3),
  label: fc.nat(1),
  scores: fc.array(fc.constantFrom(0.1, 0.5, 0.77, 0.79, 0.8, 0.85, 0.9, 0.95, 0.95), { minLength: 1, maxLength: 8 }),
  every: fc.constantFrom(0, 100, SEC, 2 * SEC, 6 * SEC),
  dt: fc.constantFrom(0, 100, SEC, 3 * SEC, 12 * SEC, 45 * SEC, 4 * MIN, 12 * MIN),
  priority: fc.constantFrom<Priority | null>(null, null, 'low', 'medium', 'high', 'critical'),
});
const steps = (withCommands: boolean) =>
  fc.array(
    withCommands
      ? fc.oneof(
          { weight: 8, arbitrary: resultStep },
          { weight: 1, arbitrary: fc.record({ t: fc.constant('fb' as const), pick: fc.nat(), answer: fc.constantFrom('real' as const, 'false_alarm' as const, 'not_sure' as const), dt: fc.constant(0) }) },
          { weight: 1, arbitrary: fc.record({ t: fc.constant('ack' as const), pick: fc.nat(), dt: fc.constant(0) }) },
          { weight: 1, arbitrary: fc.record({ t: fc.constant('shelve' as const), pick: fc.nat(), minutes: fc.constantFrom(null, 1, 30, 120), dt: fc.constant(0) }) },
        )
      : resultStep,
    { maxLength: 120, size: 'max' },
  ) as fc.Arbitrary<Step[]>;

/** The results of one burst starting at `ts` (ids and times deterministic). */
function burst(s: Extract<Step, { t: 'r' }>, i: number, ts: number): InferenceResult[] {
  return s.scores.map((score, j) => ({
    id: `r${i}.${j}`, ts: ts + j * s.every, plant: 'p', line: `l${s.line}`, asset: `a${s.asset}`, model: { name: 'm', version: '1' },
    score, threshold: 0.8, label: s.label ? 'leak' : undefined, ...(s.priority ? { priority: s.priority } : {}),
  }));
}

/** Turns steps into timed results; time never runs backwards across bursts. */
function toResults(ss: Step[]): InferenceResult[] {
  let ts = T0;
  return ss.flatMap((s, i) => {
    ts += s.dt;
    if (s.t !== 'r') return [];
    const out = burst(s, i, ts);
    ts = out.at(-1)!.ts;
    return out;
  });
}

/** Runs steps (results and commands); commands pick among alert ids seen so far. */
function runSteps(e: AlarmEngine, ss: Step[], onEvents: (ev: EngineEvent[]) => void): void {
  let ts = T0;
  const seen: string[] = [];
  const note = (ev: EngineEvent[]) => {
    for (const x of ev) if (x.type === 'alert' && !seen.includes(x.alert.id)) seen.push(x.alert.id);
    onEvents(ev);
  };
  ss.forEach((s, i) => {
    ts += s.dt;
    if (s.t === 'r') {
      const rs = burst(s, i, ts);
      ts = rs.at(-1)!.ts;
      for (const r of rs) note(e.ingest(r));
      return;
    }
    if (!seen.length) return;
    const alertId = seen[s.pick % seen.length]!;
    const c = s.t === 'fb' ? cmd('feedback', { alertId, answer: s.answer, reasons: [] })
      : s.t === 'ack' ? cmd('acknowledge', { alertId })
      : cmd('shelve', { alertId, reason: 'prop', ...(s.minutes ? { minutes: s.minutes } : {}) });
    const out = e.command(c, actor('operator'), ts);
    if (out.ok) note(out.events);
  });
}

const alertOf = (ev: EngineEvent): Alert | null => (ev.type === 'alert' ? ev.alert : null);
/** Alert and console events per line, in order: what must not depend on batching or ticks. */
function perLine(ev: EngineEvent[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const x of ev) {
    if (x.type !== 'alert' && x.type !== 'console') continue;
    const line = x.type === 'alert' ? x.alert.line : x.console.line;
    (out[line] ??= []).push(x);
  }
  return out;
}

const FAST = { numRuns: Number(process.env.PROP_RUNS ?? 150) };
/**
 * Policies the properties run under: the defaults, small flood numbers (generated streams reach flood),
 * and hair-trigger delays (every crossing raises, so chattering, reopen and demotion happen often).
 */
const policies = fc.constantFrom(
  book(),
  book({ floodEnter: 3, floodLeave: 2, trustMinAnswers: 2 }),
  book({ floodEnter: 4, floodLeave: 1, trustMinAnswers: 1, onDelayResults: 1, offDelayMs: 0, chatterRaises: 2, chatterReleaseMs: 2 * MIN, lineEventAssets: 2 }),
);

describe('engine properties', () => {
  it('a critical alert is never held back by flood, trust or chattering', () => {
    fc.assert(fc.property(steps(true), policies, (ss, policy) => {
      const e = new AlarmEngine({ policy });
      runSteps(e, ss, (ev) => {
        for (const x of ev) {
          const a = alertOf(x);
          if (a && a.suggestedPriority === 'critical') {
            expect(['flood', 'demoted', 'chattering']).not.toContain(a.suppression);
            expect(a.priority).toBe('critical');
          }
        }
      });
    }), FAST);
  });

  it('every alert that is inactive and acknowledged (or held back) has ended; states and digests stay consistent; counters never go negative', () => {
    fc.assert(fc.property(steps(true), policies, (ss, policy) => {
      const e = new AlarmEngine({ policy });
      runSteps(e, ss, (ev) => {
        for (const x of ev) {
          const a = alertOf(x);
          if (!a) continue;
          expect(a.state).toBe(deriveState(a));
          for (const n of [a.count, a.annunciations, a.trust?.confirmed ?? 0, a.trust?.falseAlarm ?? 0, a.trust?.unsure ?? 0]) expect(n).toBeGreaterThanOrEqual(0);
        }
        for (const a of e.alerts()) {
          expect(a.active || (!a.acknowledged && a.suppression === null)).toBe(true);
          expect(a.clearedAt).toBeNull();
        }
        for (const c of e.consoles()) {
          const held = e.alerts({ plant: c.plant, line: c.line }).filter((a) => a.suppression === 'flood').map((a) => a.id);
          expect([...c.digest].sort()).toEqual(held.sort());
        }
      });
    }), FAST);
  });

  it('timed shelves always expire', () => {
    fc.assert(fc.property(steps(true), policies, (ss, policy) => {
      const e = new AlarmEngine({ policy });
      let last = T0;
      const ids = new Set<string>();
      runSteps(e, ss, (ev) => {
        for (const x of ev) {
          last = Math.max(last, x.at);
          if (x.type === 'alert') ids.add(x.alert.id);
        }
      });
      e.tick(last + 121 * MIN);
      for (const id of ids) {
        const shelf = e.alert(id)?.shelf ?? null;
        expect(shelf === null || shelf.until === null).toBe(true);
      }
    }), FAST);
  });

  it('the same results give the same events however they are batched', () => {
    fc.assert(fc.property(steps(false), policies, fc.array(fc.nat(20), { maxLength: 40 }), (ss, policy, cuts) => {
      const rs = toResults(ss);
      const one = new AlarmEngine({ policy });
      const a = rs.flatMap((r) => one.ingest(r));
      const many = new AlarmEngine({ policy });
      const b: EngineEvent[] = [];
      let i = 0;
      for (const c of cuts) {
        b.push(...many.ingestMany(rs.slice(i, i + c)));
        i += c;
      }
      b.push(...many.ingestMany(rs.slice(i)));
      expect(b).toEqual(a);
    }), FAST);
  });

  it('ticks interleaved anywhere (relay clock not ahead of the next result) do not change alert events', () => {
    fc.assert(fc.property(steps(false), policies, fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 600 }), (ss, policy, ticks) => {
      const rs = toResults(ss);
      const plain = new AlarmEngine({ policy });
      const a = rs.flatMap((r) => plain.ingest(r));
      const ticked = new AlarmEngine({ policy });
      const b: EngineEvent[] = [];
      rs.forEach((r, i) => {
        const [tick, u] = ticks[i] ?? [false, 0];
        const prev = rs[i - 1]?.ts ?? r.ts - SEC;
        if (tick) b.push(...ticked.tick(Math.floor(prev + u * (r.ts - prev))), ...ticked.tick(Math.floor(prev + u * (r.ts - prev))));
        b.push(...ticked.ingest(r));
      });
      const end = (rs.at(-1)?.ts ?? T0) + 24 * 60 * MIN;
      a.push(...plain.tick(end));
      b.push(...ticked.tick(end));
      expect(perLine(b)).toEqual(perLine(a));
      expect(ticked.alerts()).toEqual(plain.alerts());
    }), FAST);
  });

  it('replay at 100× (same results, ticks at other wall times) gives the same alerts', () => {
    fc.assert(fc.property(steps(false), policies, (ss, policy) => {
      const rs = toResults(ss);
      const live = new AlarmEngine({ policy });
      const replay = new AlarmEngine({ policy });
      const a: EngineEvent[] = [];
      const b: EngineEvent[] = [];
      const wall0 = T0 + 3 * 365 * 24 * 60 * MIN; // years later
      let nextLiveTick = T0;
      let nextReplayTick = wall0;
      for (const r of rs) {
        // live: one tick a second of event time; replay: one tick a second of wall time = 100 s of event time
        for (; nextLiveTick <= r.ts; nextLiveTick += SEC) a.push(...live.tick(nextLiveTick));
        const wall = wall0 + (r.ts - T0) / 100;
        for (; nextReplayTick <= wall; nextReplayTick += SEC) b.push(...replay.tick(nextReplayTick));
        a.push(...live.ingest(r));
        b.push(...replay.ingest(r));
      }
      a.push(...live.tick(nextLiveTick + 24 * 60 * MIN));
      b.push(...replay.tick(nextReplayTick + 24 * 60 * MIN));
      expect(perLine(b)).toEqual(perLine(a));
      expect(replay.alerts()).toEqual(live.alerts());
    }), { numRuns: Math.ceil(FAST.numRuns / 2) });
  });

  it('late results (older than the newest one applied to their key) never change what newer ones established', () => {
    const lateCopies = fc.array(fc.record({ after: fc.nat(), of: fc.nat(), back: fc.constantFrom(1, SEC, 10 * SEC, 10 * MIN), score: fc.constantFrom(0.1, 0.5, 0.9, 0.95) }), { maxLength: 40 });
    fc.assert(fc.property(steps(false), policies, lateCopies, (ss, policy, copies) => {
      const rs = toResults(ss);
      const plain = new AlarmEngine({ policy });
      const a = rs.flatMap((r) => plain.ingest(r));
      const withLate = new AlarmEngine({ policy });
      const b: EngineEvent[] = [];
      rs.forEach((r, i) => {
        b.push(...withLate.ingest(r));
        // After result i, copies of an earlier (or this) result of any key, stamped before it: late for its key.
        copies.filter((c) => rs.length && c.after % rs.length === i).forEach((c, n) => {
          const of = rs[c.of % (i + 1)]!;
          const ev = withLate.ingest({ ...of, id: `late-${i}.${n}`, ts: of.ts - c.back, score: c.score });
          expect(ev.map((x) => (x.type === 'ignored' ? x.reason : x.type))).toEqual(['late']);
        });
      });
      const end = (rs.at(-1)?.ts ?? T0) + 24 * 60 * MIN;
      a.push(...plain.tick(end));
      b.push(...withLate.tick(end));
      expect(perLine(b)).toEqual(perLine(a));
      expect(withLate.alerts()).toEqual(plain.alerts());
    }), FAST);
  });

  it('a snapshot restored mid-stream carries on exactly', () => {
    fc.assert(fc.property(steps(false), policies, fc.nat(600), (ss, policy, cut) => {
      const rs = toResults(ss);
      const whole = new AlarmEngine({ policy });
      const a = rs.flatMap((r) => whole.ingest(r));
      const first = new AlarmEngine({ policy });
      const b = rs.slice(0, cut).flatMap((r) => first.ingest(r));
      const restored = new AlarmEngine({ policy, snapshot: JSON.parse(JSON.stringify(first.toSnapshot())) });
      b.push(...rs.slice(cut).flatMap((r) => restored.ingest(r)));
      const byAlert = (ev: EngineEvent[]) => {
        const m: Record<string, string[]> = {};
        for (const x of ev) if (x.type === 'alert') (m[x.alert.id] ??= []).push(`${x.kind}@${x.at}:${x.alert.state}:${x.alert.count}`);
        return m;
      };
      expect(byAlert(b)).toEqual(byAlert(a));
      expect(JSON.parse(JSON.stringify(restored.alerts()))).toEqual(JSON.parse(JSON.stringify(whole.alerts())));
    }), FAST);
  });
});
