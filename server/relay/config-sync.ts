import { PolicyBook } from '../../src/protocol/policy.ts';
import type { Store } from '../store/store.ts';
import type { EngineHost } from './engine-host.ts';
import type { SnapshotWindow } from './snapshot-window.ts';
import type { BrowserServer } from './publisher.ts';

/**
 * Scale-out: configuration changed on one relay instance must hold on every instance at once.
 * The change is saved in the shared store first; the instance that made it then tells the others
 * over the adapter, and each reads it back from the store (so nothing is trusted from the message):
 * - a new policy book goes through the receiver's engine queue (its lines, its alerts);
 * - a revoked edge key drops the receiver's cached key verifications;
 * - changed people or panel devices make the receiver authorise its open browser sockets again;
 * - after the adapter's link (Redis) was lost, pushes between instances may have been lost with it:
 *   every instance closes its browsers' transports, and they reconnect and get a fresh snapshot.
 * With one instance (no adapter) there is nobody to tell.
 */
export function registerConfigSync(io: BrowserServer, deps: {
  store: Store;
  host: EngineHost;
  /** The book in force on this instance. */
  policy: () => PolicyBook;
  forgetEdgeKeys: () => void;
  sweepSessions: () => Promise<unknown>;
  snapshotsOnly: SnapshotWindow;
  clock: () => number;
  scaledOut: boolean;
  onError: (err: unknown, where: string) => void;
}) {
  io.on('relay:policy', () => {
    applyStoredPolicy(deps.store, deps.host, deps.policy()).catch((err: unknown) => deps.onError(err, 'policy from another relay instance'));
  });
  io.on('relay:edge-keys', () => deps.forgetEdgeKeys());
  const sweep = () => deps.sweepSessions().catch((err: unknown) => deps.onError(err, 'session sweep'));
  io.on('relay:sessions', () => void sweep());
  // Snapshots only for a minute: every browser of this instance resubscribes within it.
  const replayBrowsers = () => {
    deps.snapshotsOnly.open(deps.clock(), 60_000);
    for (const socket of io.of('/').sockets.values()) socket.conn.close();
  };
  io.on('relay:resync', replayBrowsers);

  const tell = (event: 'relay:policy' | 'relay:edge-keys' | 'relay:sessions' | 'relay:resync') => {
    if (deps.scaledOut) io.serverSideEmit(event);
  };
  return {
    /** Call after the new book is saved in the store. */
    policyChanged: () => tell('relay:policy'),
    /** Call after a key's revocation is saved in the store. */
    edgeKeyRevoked: () => tell('relay:edge-keys'),
    /** Call when this instance's adapter link is back after a loss: every browser, here and elsewhere, replays. */
    adapterRecovered: () => {
      tell('relay:resync');
      replayBrowsers();
    },
    /** Call after a person, their sessions or a panel device changed in the store; resolves once this instance swept. */
    sessionsChanged: async () => {
      tell('relay:sessions');
      await sweep();
    },
  };
}
export type ConfigSync = ReturnType<typeof registerConfigSync>;

/**
 * Puts the book saved last in the shared store in force on this instance (through its engine queue),
 * unless it already is: after another instance changed it, and at start-up (it may have changed
 * while this instance was down).
 */
export async function applyStoredPolicy(store: Store, host: EngineHost, current: PolicyBook): Promise<void> {
  const latest = await store.latestPolicy();
  if (!latest || latest.body === JSON.stringify(current)) return;
  await host.setPolicy(PolicyBook.parse(JSON.parse(latest.body)), latest.by);
}
