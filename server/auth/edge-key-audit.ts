import { AuditBudget } from '../relay/audit-budget.ts';
import type { Store } from '../store/store.ts';

/**
 * Audits wrong edge keys. They come unauthenticated, so entries are bounded per address: `perMinute`,
 * then one summary of the rest ("N more wrong edge keys suppressed"). The key itself is never stored
 * (it may be a real key with a typo); only the id part of a `cl_<id>_<secret>` shape, cut short.
 */
export function edgeKeyAudit(store: Pick<Store, 'audit'>, opts: { perMinute: number; clock: () => number; onError: (err: unknown) => void }) {
  const budget = new AuditBudget(store, {
    perWindow: opts.perMinute, clock: opts.clock, onError: opts.onError,
    summary: (ip, n, window, now) => ({
      at: now, actor: 'edge', action: 'edge.login.failed.suppressed', target: ip,
      detail: { ip, suppressed: n, from: window.from, to: window.to, message: `${n} more wrong edge keys suppressed` },
    }),
  });
  return {
    /** The verifier's hook: one wrong key presented from `source`. */
    wrongKey(presented: string, source: string): Promise<void> {
      const id = /^cl_([A-Za-z0-9]{1,16})[A-Za-z0-9]*_/.exec(presented)?.[1];
      return budget.record(source, { at: opts.clock(), actor: 'edge', action: 'edge.login.failed', target: id ? `key:${id}` : '(no key id)', detail: { ip: source.slice(0, 64) } });
    },
    /** Writes the summaries still pending (the relay is stopping). */
    flush: () => budget.flush(),
  };
}
