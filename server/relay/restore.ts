import { AlarmEngine } from '../engine/engine.ts';
import type { PolicyBook } from '../../src/protocol/policy.ts';
import type { Store } from '../store/store.ts';
import type { Ownership } from './ownership.ts';

/**
 * Rebuilds the engine after a restart: the last snapshot, then every result stored after it run
 * through again. The changes those results caused are already stored, so the events are dropped.
 */
export async function restoreEngine(store: Store, opts: { policy?: PolicyBook; owns?: Ownership; slot?: number } = {}): Promise<AlarmEngine> {
  const { policy, owns = () => true, slot = 1 } = opts;
  const snap = await store.loadEngineSnapshot(slot);
  const engine = new AlarmEngine({ policy, snapshot: snap ? JSON.parse(snap.body) : undefined });
  let rowid = snap?.resultsRowid ?? 0;
  for (;;) {
    const batch = await store.resultsAfter(rowid, 2000);
    if (!batch.length) break;
    for (const r of batch) if (owns(r.result.plant, r.result.line)) engine.ingest(r.result);
    rowid = batch[batch.length - 1]!.rowid;
  }
  return engine;
}
