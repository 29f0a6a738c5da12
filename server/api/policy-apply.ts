import type { PolicyBook } from '../../src/protocol/policy.ts';
import type { EngineHost } from '../relay/engine-host.ts';

type HostInternals = {
  setPolicy?: (book: PolicyBook, by: string) => Promise<unknown>;
  enqueue<T>(fn: () => Promise<T>): Promise<T>;
  store(events: unknown[]): Promise<void>;
  deps: { engine: { setPolicy(book: PolicyBook, at: number, by: string | null): unknown[] }; clock: () => number };
};

/**
 * Puts a policy book in force through the engine host's queue, so its events are stored and sent in
 * order with ingest and commands, then snapshots the engine (the snapshot carries the book across a
 * restart). Uses `EngineHost.setPolicy` when the host has it; until then it goes through the host's
 * own queue and store step, exactly as that method would (asked of the relay's owner).
 */
export async function applyPolicy(host: EngineHost, book: PolicyBook, by: string): Promise<void> {
  const h = host as unknown as HostInternals;
  if (typeof h.setPolicy === 'function') await h.setPolicy(book, by);
  else await h.enqueue(async () => h.store(h.deps.engine.setPolicy(book, h.deps.clock(), by)));
  await host.snapshot();
}
