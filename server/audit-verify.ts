// `npm run audit:verify`: checks the audit trail's hash chain and names the first broken entry.
import { loadConfig } from './config.ts';
import { verifyAudit } from './store/audit.ts';
import { openStore } from './store/open.ts';

const config = loadConfig();
const store = await openStore({ databaseUrl: config.DATABASE_URL, sqliteFile: config.sqliteFile });
const result = await verifyAudit(store.db);
await store.close();
if (result.ok) {
  console.log(`audit trail intact: ${result.entries} entries verified`);
} else {
  console.error(`audit trail BROKEN at entry ${result.seq}: ${result.why}`);
  process.exit(1);
}
