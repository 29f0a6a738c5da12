import type { Kysely } from 'kysely';
import type { AnchorLog } from './anchor-log.ts';
import { auditRowsAfter, GENESIS, rowProblem, type AuditHead } from './audit.ts';
import type { Database } from './schema.ts';

/**
 * Follows the audit chain's committed head and anchors it (about once per interval, only when it moved,
 * and once more at a clean stop). Every appender is covered this way, in or out of a transaction and on
 * any relay instance sharing the database. A new head is anchored only when the rows since the last
 * anchored one chain from it: if the stored chain was changed under the relay, the anchor stays at the
 * last good head (the evidence `audit:verify` names) and the change is reported once through `onError`.
 * Window: entries committed less than an interval before a crash (kill -9, power) are not anchored.
 */
export class AnchorKeeper {
  private readonly db: Kysely<Database>;
  private readonly log: AnchorLog;
  private readonly clock: () => number;
  private readonly onError: (err: Error) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private reported = '';

  constructor(db: Kysely<Database>, log: AnchorLog, opts: { clock?: () => number; onError: (err: Error) => void }) {
    this.db = db;
    this.log = log;
    this.clock = opts.clock ?? Date.now;
    this.onError = opts.onError;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.anchor(), intervalMs);
    this.timer.unref();
  }

  /** Records that the database now starts its history again at `head` (an accepted restore from a backup). */
  async restored(head: AuditHead | null): Promise<void> {
    await this.log.append('restore', head ?? { seq: 0, hash: GENESIS }, this.clock());
  }

  /** Anchors the current head if it moved (one run at a time). */
  anchor(): Promise<void> {
    this.running = this.running.then(() => this.step()).catch((err: Error) => this.report(err));
    return this.running;
  }

  /** Anchors once more and stops. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.anchor();
  }

  private async step(): Promise<void> {
    const from = this.log.last ?? { seq: 0, hash: GENESIS };
    let head = from;
    for (;;) {
      const rows = await auditRowsAfter(this.db, head.seq, 1000);
      for (const r of rows) {
        const why = rowProblem(head.hash, r);
        if (why) throw new Error(`audit trail changed under the relay: entry ${r.seq} does not follow the anchored chain (${why}); ` +
          `the anchor stays at seq ${head.seq}. Run \`npm run audit:verify\`.`);
        head = { seq: Number(r.seq), hash: r.hash };
      }
      if (rows.length < 1000) break;
    }
    if (head.seq !== from.seq) await this.log.append('head', head, this.clock());
  }

  private report(err: Error): void {
    if (err.message === this.reported) return; // once per distinct problem, not every second
    this.reported = err.message;
    this.onError(err);
  }
}
