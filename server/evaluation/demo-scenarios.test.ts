import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/protocol/alert.ts';
import { InferenceResult } from '../../src/protocol/inference.ts';
import { AlarmEngine } from '../engine/engine.ts';
import type { EngineEvent } from '../engine/types.ts';
import { DemoPlant, type TruthRecord } from '../sim/demo.ts';
import { CYCLE_SECONDS } from '../sim/scenarios.ts';

type AlertEvent = Extract<EngineEvent, { type: 'alert' }>;
type ConsoleEvent = Extract<EngineEvent, { type: 'console' }>;

/**
 * Runs the demo plant's scripted scenarios through the engine in event time, ticking each second;
 * `onAlert` plays the operator (it may send commands to the engine).
 */
function runDemo(cycles: number, onAlert?: (e: AlertEvent, engine: AlarmEngine, truths: TruthRecord[]) => void) {
  const plant = new DemoPlant({ seed: 7, startMs: Date.UTC(2026, 10, 25, 6), speed: 1, runId: 'test' });
  const engine = new AlarmEngine();
  const events: EngineEvent[] = [];
  const truths: TruthRecord[] = [];
  for (let s = 0; s < cycles * CYCLE_SECONDS; s++) {
    const tick = plant.step();
    truths.push(...tick.truths);
    const now: EngineEvent[] = [];
    for (const r of tick.results) now.push(...engine.ingest(InferenceResult.parse(r)));
    now.push(...engine.tick(tick.ts + 1000));
    for (const e of now) if (e.type === 'alert') onAlert?.(e, engine, truths);
    events.push(...now);
  }
  const alerts = events.filter((e): e is AlertEvent => e.type === 'alert');
  return { engine, truths, events, alerts };
}

describe('the demo plant shows each alarm-discipline mechanism at work', () => {
  const oneCycle = runDemo(1);

  it('holds a chattering borderline sensor to one alert with a counter', () => {
    const chatter = oneCycle.truths.find((t) => t.truth === 'chattering')!;
    const mine = oneCycle.alerts.filter((e) => e.alert.asset === chatter.asset);
    const key = mine[0]?.alert.key;
    expect(key, 'the chattering sensor raised an alert').toBeDefined();
    const crossings = oneCycle.events.filter((e) => e.type === 'crossing' && e.key === key).length;
    const annunciated = mine.filter((e) => e.kind === 'annunciated').length;
    expect(mine.some((e) => e.alert.chattering && e.alert.suppression === 'chattering')).toBe(true);
    expect(annunciated).toBeLessThanOrEqual(2);
    expect(crossings).toBeGreaterThan(10 * annunciated);
    console.log(`chattering ${chatter.asset}: ${crossings} naive crossings → ${new Set(mine.map((e) => e.alert.id)).size} alert(s), ${annunciated} annunciation(s), count ${mine.at(-1)!.alert.count}`);
  });

  it('puts line 2 into flood when it stops, with its low/medium alerts in one digest', () => {
    const stop = oneCycle.truths.find((t) => t.truth === 'line_stop')!;
    const floods = oneCycle.events.filter((e): e is ConsoleEvent => e.type === 'console' && e.console.line === stop.line && e.console.inFlood);
    expect(floods.length, 'the console entered flood').toBeGreaterThan(0);
    const digest = Math.max(...floods.map((f) => f.console.digest.length));
    expect(digest).toBeGreaterThan(0);
    const held = oneCycle.alerts.filter((e) => e.alert.line === stop.line && e.alert.suppression === 'flood');
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((e) => e.alert.priority === 'low' || e.alert.priority === 'medium')).toBe(true);
    console.log(`line stop on ${stop.line}: flood, up to ${digest} alerts in one digest`);
  });

  it('demotes the false-alarm key after operators answer "false alarm" five times', () => {
    let answered = 0;
    let faultKey: string | undefined;
    let demoted: Alert | undefined;
    runDemo(8, (e, engine, truths) => {
      const fault = truths.find((t) => t.truth === 'sensor_fault');
      if (!faultKey && fault && e.kind === 'raised' && e.alert.asset === fault.asset) faultKey = e.alert.key;
      if (e.alert.key !== faultKey) return;
      if (e.alert.trust?.demoted) demoted ??= e.alert;
      // The operator answers each time the false alarm is raised (new, or reopened within the re-alarm window).
      if ((e.kind === 'raised' || e.kind === 'reopened') && answered < 5) {
        answered++;
        const outcome = engine.command({ type: 'feedback', commandId: crypto.randomUUID(), alertId: e.alert.id, answer: 'false_alarm', reasons: ['sensor_fault'] }, { user: 'olga', role: 'operator' }, e.at + 1000);
        expect(outcome.ok).toBe(true);
      }
    });
    expect(answered).toBe(5);
    expect(demoted, 'the key was demoted').toBeDefined();
    expect(demoted!.trust).toMatchObject({ falseAlarm: 5, confirmed: 0, demoted: true, reviewSuggested: true });
    expect(demoted!.priority).not.toBe(demoted!.suggestedPriority);
    console.log(`false alarms on ${faultKey}: demoted from ${demoted!.suggestedPriority} to ${demoted!.priority}`);
  });
});
