import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { AnchorKeeper } from './anchor-keeper.ts';
import { AnchorLog, anchorLogFile, loadAnchorKey } from './anchor-log.ts';
import { auditHead } from './audit.ts';
import { checkSqliteFile, checkTablesReadable, RECOVERY_HINT, StartRefusal } from './integrity.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open.ts';
import { currentMarks, readWatermark, shortfall, watermarkFile, WatermarkKeeper, type Watermark } from './watermark.ts';

export interface CheckedStoreOptions {
  databaseUrl?: string;
  sqliteFile: string;
  dataDir: string;
  /** SQLite's check of the file before use (`off` for very large files whose check takes too long). */
  integrityCheck: 'quick' | 'full' | 'off';
  /** Accept a database that holds less than its watermark (a deliberate restore from a backup), once. */
  acceptRestore: boolean;
  anchorKey?: string;
  watermarkIntervalMs: number;
  anchorIntervalMs: number;
  log: Logger;
}

/** What keeps the store's watermark and audit anchor; closed at a clean stop (records both once more). */
export interface StoreGuards {
  close(): Promise<void>;
}

/**
 * Opens the relay's store only when it is whole, before anything else uses it: SQLite's integrity check
 * of the file, every table readable, and nothing missing that the watermark says was committed. Then
 * starts keeping the watermark and the audit anchor. Throws StartRefusal (see refuseToStart) otherwise.
 */
export async function openCheckedStore(o: CheckedStoreOptions): Promise<{ store: KyselyStore; guards: StoreGuards }> {
  // The watermark and the anchor live in DATA_DIR on PostgreSQL too, where nothing else creates it.
  mkdirSync(o.dataDir, { recursive: true });
  if (!o.databaseUrl && o.integrityCheck !== 'off') checkSqliteFile(o.sqliteFile, o.integrityCheck);
  const where = watermarkFile(o.dataDir, o.databaseUrl);
  const store = await openStore({
    databaseUrl: o.databaseUrl, sqliteFile: o.sqliteFile,
    onError: (err) => o.log.warn({ err }, 'database connection lost'),
    onDamage: (why) => o.log.error(`the database ${where.database} answered "${why}": not ready until it is restored. ${RECOVERY_HINT}`),
  });
  try {
    await checkTablesReadable(store.db, where.database);
    const anchorLog = await AnchorLog.open(anchorLogFile(o.dataDir), loadAnchorKey(o.dataDir, o.anchorKey, { create: true })!);
    const anchor = new AnchorKeeper(store.db, anchorLog, { onError: (err) => o.log.error({ err: err.message }, 'audit anchor') });
    await checkWatermark(store, where, o, anchor);
    const watermark = new WatermarkKeeper(store, where, (err) => o.log.warn({ err: err.message }, 'store watermark not recorded'));
    await watermark.record();
    await anchor.anchor();
    watermark.start(o.watermarkIntervalMs);
    anchor.start(o.anchorIntervalMs);
    return { store, guards: { close: async () => void (await Promise.all([watermark.close(), anchor.close()])) } };
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function checkWatermark(store: KyselyStore, where: { file: string; database: string }, o: CheckedStoreOptions, anchor: AnchorKeeper): Promise<void> {
  let recorded: Watermark | null;
  let unreadable = '';
  try {
    recorded = readWatermark(where.file);
  } catch (err) {
    unreadable = (err as Error).message;
    recorded = { v: 1, database: where.database, marks: {}, at: 0 };
  }
  if (unreadable && !o.acceptRestore) {
    throw new StartRefusal('store_behind', `the watermark ${where.file} of the database ${where.database} cannot be read (${unreadable}): ` +
      `whether the database holds everything it committed cannot be told. Start once with ACCEPT_RESTORED_DATABASE=1 to record a new one. ${RECOVERY_HINT}`);
  }
  if (!recorded) return; // first start (or an older version's data folder): the keeper records one now
  const now = await currentMarks(store);
  const short = shortfall(now, recorded.marks);
  if (!short && !unreadable) {
    if (o.acceptRestore) o.log.warn('ACCEPT_RESTORED_DATABASE=1 is set but the database holds everything its watermark records: nothing to accept');
    return;
  }
  if (short && !o.acceptRestore) {
    const cause = store.flavour === 'sqlite' ? 'WAL lost or an older file restored?' : 'an older backup restored, or another database?';
    throw new StartRefusal('store_behind', `the database ${where.database} is missing data committed up to seq ${short.recorded} in table ${short.name} ` +
      `(it holds up to seq ${short.now}; ${cause}). The watermark ${where.file} recorded it at ${new Date(recorded.at).toISOString()}. ` +
      `Restore the latest backup, or if this database is a deliberate restore, start once with ACCEPT_RESTORED_DATABASE=1. ${RECOVERY_HINT}`);
  }
  // A deliberate restore: the anchor's history after the restored head is replaced, and the trail says so.
  const head = await auditHead(store.db);
  await anchor.restored(head);
  await store.audit([{ at: Date.now(), actor: 'system', action: 'store.restore_accepted', target: where.database,
    detail: { watermark: recorded.marks, watermarkAt: recorded.at, database: now, auditHead: head?.seq ?? 0 } }]);
  o.log.warn({ watermark: recorded.marks, database: now }, `ACCEPT_RESTORED_DATABASE=1: accepted ${where.database} as restored; its watermark is recorded anew`);
}

/** For the entry point: a StartRefusal prints its one message and exits with status 2; anything else is rethrown. */
export function refuseToStart(err: unknown): never {
  if (!(err instanceof StartRefusal)) throw err;
  console.error(err.message);
  process.exit(2);
}
