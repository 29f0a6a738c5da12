import { AlarmEngine } from '../engine/engine.ts';
import type { PolicyBook } from '../../src/protocol/policy.ts';
import type { Store } from '../store/store.ts';
import type { Ownership } from './ownership.ts';

export interface RestoreOptions {
  owns?: Ownership;
  slot?: number;
}

/** Builds the engine after a restart from what the store holds (see `reloadEngine`). */
export async function restoreEngine(store: Store, opts: RestoreOptions & { policy?: PolicyBook } = {}): Promise<AlarmEngine> {
  const engine = new AlarmEngine({ policy: opts.policy });
  await reloadEngine(engine, store, opts, opts.policy);
  return engine;
}

/**
 * Puts the engine back to exactly what the store holds: the last snapshot, then every result stored
 * after it run through again. The changes those results caused are already stored, so the events are
 * dropped. Used at start-up and after a store write failed (its input must not count twice on resend).
 */
export async function reloadEngine(engine: AlarmEngine, store: Store, opts: RestoreOptions = {}, policy?: PolicyBook): Promise<void> {
  const { owns = () => true, slot = 1 } = opts;
  const snap = await store.loadEngineSnapshot(slot);
  engine.restore(snap ? JSON.parse(snap.body) : null, policy);
  let rowid = snap?.resultsRowid ?? 0;
  for (;;) {
    const batch = await store.resultsAfter(rowid, 2000);
    if (!batch.length) break;
    for (const r of batch) if (owns(r.result.plant, r.result.line)) engine.ingest(r.result);
    rowid = batch[batch.length - 1]!.rowid;
  }
}
