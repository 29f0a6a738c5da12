// `npm run audit:verify`: checks the audit trail's hash chain and names the first broken entry, then
// checks it against the anchor log kept outside the database (DATA_DIR/audit-anchor.log): every line's
// signature and link, and that the database still holds each anchored entry unchanged (names a
// rewrite) and reaches the last one (names a truncation).
import { existsSync } from 'node:fs';
import { loadConfig } from './config.ts';
import { anchorKeyFile, anchorLogFile, loadAnchorKey } from './store/anchor-log.ts';
import { verifyAnchors } from './store/anchor-verify.ts';
import { auditHead, verifyAudit } from './store/audit.ts';
import { StartRefusal } from './store/integrity.ts';
import { openStore } from './store/open.ts';

const config = loadConfig();
const store = await openStore({ databaseUrl: config.DATABASE_URL, sqliteFile: config.sqliteFile });
const problem = await check().finally(() => store.close());
if (problem) {
  console.error(problem);
  process.exit(1);
}

/** Null when intact (and says so), else the message naming what is wrong. */
async function check(): Promise<string | null> {
  const chain = await verifyAudit(store.db);
  if (!chain.ok) return `audit trail BROKEN at entry ${chain.seq}: ${chain.why}`;
  const log = anchorLogFile(config.dataDir);
  let key: Buffer | null;
  try {
    key = loadAnchorKey(config.dataDir, config.AUDIT_ANCHOR_KEY, { create: false });
  } catch (err) {
    if (!(err instanceof StartRefusal)) throw err;
    return `audit trail BROKEN: ${err.detail}`;
  }
  if (!existsSync(log)) {
    // The relay creates both at its first start: a key without its log means the log was removed.
    if (key) return `audit trail BROKEN: the anchor log ${log} is missing (deleted?): the chain cannot be checked against its anchor`;
    console.log(`audit trail intact: ${chain.entries} entries verified (hash chain only: ${config.dataDir} has no audit anchor, ` +
      'so a deleted tail or a rewritten chain cannot be told; the relay anchors it from its next start)');
    return null;
  }
  if (!key) return `audit trail BROKEN: no anchor key: set AUDIT_ANCHOR_KEY as the relay has it, or put back ${anchorKeyFile(config.dataDir)}`;
  const anchors = await verifyAnchors(store.db, log, key);
  if (!anchors.ok) return `audit trail BROKEN: ${anchors.why}`;
  const when = anchors.anchoredAt === null ? '' : `, last anchored ${new Date(anchors.anchoredAt).toISOString()}`;
  console.log(`audit trail intact: ${chain.entries} entries verified; anchored up to seq ${anchors.anchoredSeq} (${anchors.lines} anchor lines${when})`);
  const head = await auditHead(store.db);
  // The relay anchors about once a second and at a clean stop: a few newer entries are normal while it
  // runs or after a crash; many, or all, mean anchor lines are missing.
  if (head && head.seq > anchors.anchoredSeq) console.warn(`note: entries after seq ${anchors.anchoredSeq} (up to ${head.seq}) are not anchored yet`);
  return null;
}
