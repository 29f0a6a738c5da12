import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { AlarmEngine } from '../engine/engine.ts';

/** Bounds on what results may make the engine hold (issue #11: one edge key made 15,000 alerts in 12 s). */
export interface AlertBoundsOptions {
  /** Open alerts on one line past which results that would make a new alert key are refused. */
  maxOpenAlertsPerLine: number;
  /** New alert keys one edge key may make per clock hour (inventing lines and assets costs memory). */
  maxNewAlertKeysPerEdgeKeyHour: number;
  clock: () => number;
  /** Called at most once a minute per refusal code, with the refusals since the last call. */
  onRefused?: (report: { reason: string; refused: number; example: string }) => void;
}

/** Why a result may not make a new alert key. */
export interface BoundsRefusal {
  code: 'too_many_alerts' | 'too_many_alert_keys';
  reason: string;
}

const HOUR = 3_600_000;
const LOG_INTERVAL = 60_000;

/**
 * Decides, just before a result reaches the engine (inside the engine queue, so in the same order
 * and with nothing between the decision and the key being made), whether it may make a NEW alert key.
 * Results of keys the engine already holds always pass: nothing accepted before is cut off. The
 * decision reads counters (the engine's open alerts per line, a count per edge key), never scans.
 */
export class AlertBounds {
  private readonly opts: AlertBoundsOptions;
  private readonly madeByEdge = new Map<string, { hour: number; made: number }>();
  private readonly logged = new Map<string, { at: number; refused: number }>();

  constructor(opts: AlertBoundsOptions) {
    this.opts = opts;
  }

  /** null when the result may go to the engine; else the refusal: its code and the reason (led by the code too). */
  check(engine: AlarmEngine, edgeKey: string, r: InferenceResult): BoundsRefusal | null {
    if (engine.knows(r)) return null;
    const open = engine.openAlerts(r.plant, r.line);
    if (open >= this.opts.maxOpenAlertsPerLine) {
      return this.refuse('too_many_alerts', `too_many_alerts: line ${r.plant}/${r.line} has ${open} open alerts (MAX_OPEN_ALERTS_PER_LINE); ` +
        'results for its existing alerts are still accepted, new ones once alerts end');
    }
    const now = this.opts.clock();
    const hour = Math.floor(now / HOUR);
    let mine = this.madeByEdge.get(edgeKey);
    if (!mine || mine.hour !== hour) this.madeByEdge.set(edgeKey, (mine = { hour, made: 0 }));
    if (mine.made >= this.opts.maxNewAlertKeysPerEdgeKeyHour) {
      return this.refuse('too_many_alert_keys', `too_many_alert_keys: edge key ${edgeKey} made ${mine.made} new alert keys this hour ` +
        '(MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR); its existing keys are still accepted, new ones next hour');
    }
    mine.made++;
    return null;
  }

  private refuse(code: BoundsRefusal['code'], reason: string): BoundsRefusal {
    const now = this.opts.clock();
    const log = this.logged.get(code) ?? { at: -Infinity, refused: 0 };
    log.refused++;
    if (now - log.at >= LOG_INTERVAL) {
      this.opts.onRefused?.({ reason: code, refused: log.refused, example: reason });
      log.at = now;
      log.refused = 0;
    }
    this.logged.set(code, log);
    return { code, reason };
  }
}
