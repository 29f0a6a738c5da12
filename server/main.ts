import { createServer } from 'node:http';
import { resolve } from 'node:path';
import pino from 'pino';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createApplication } from './app.ts';
import { setupRoutes } from './api/setup-routes.ts';
import { randomToken } from './auth/hash.ts';
import { loadConfig } from './config.ts';
import { DEMO_BADGE, DEMO_USERS, seedDemo, startSimulator } from './demo.ts';
import { parseOwnership, snapshotSlot } from './relay/ownership.ts';
import { applyStoredPolicy } from './relay/config-sync.ts';
import { restoreEngine } from './relay/restore.ts';
import { openCheckedStore, refuseToStart } from './store/startup.ts';

// The relay's entry point: the only place that builds real dependencies.
const demo = process.argv.includes('--demo');
const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
// A damaged store, or one missing data it had committed, refuses the start with one clear message.
const { store, guards } = await openCheckedStore({
  databaseUrl: config.DATABASE_URL, sqliteFile: config.sqliteFile, dataDir: config.dataDir, log,
  integrityCheck: config.STORE_INTEGRITY_CHECK, acceptRestore: config.ACCEPT_RESTORED_DATABASE === '1', anchorKey: config.AUDIT_ANCHOR_KEY,
  watermarkIntervalMs: config.STORE_WATERMARK_INTERVAL_S * 1000, anchorIntervalMs: config.AUDIT_ANCHOR_INTERVAL_S * 1000,
}).catch(refuseToStart);
const owns = parseOwnership(config.LINES);
const slot = snapshotSlot(config.LINES);
const engine = await restoreEngine(store, { owns, slot });
const redis = config.REDIS_URL ? createClient({ url: config.REDIS_URL }) : null;
// Without a listener a lost Redis connection is an unhandled 'error' that ends the process; the client
// reconnects by itself and keeps commands meanwhile (server/faults/redis-outage.test.ts).
let redisLost = false;
redis?.on('error', (err: Error) => {
  if (!redisLost) log.warn({ err: err.message }, 'redis connection lost; reconnecting');
  redisLost = true;
});
await redis?.connect();
const httpServer = createServer();
const setupToken = !demo && (await store.userCount()) === 0 ? randomToken(18) : null;
const app = await createApplication(httpServer, {
  store, engine, log, adapter: redis ? createAdapter(redis, { streamName: config.REDIS_STREAM }) : undefined, owns, snapshotSlot: slot, staticDir: resolve('dist'), secureCookies: config.SECURE_COOKIES === '1',
  maxBrowserQueueBytes: config.MAX_BROWSER_QUEUE_MB * 1024 * 1024, edgeClockToleranceMs: config.EDGE_CLOCK_TOLERANCE_S * 1000,
  refusedCommandAuditPerMinute: config.AUDIT_REFUSED_COMMANDS_PER_MINUTE, wrongEdgeKeyAuditPerMinute: config.AUDIT_WRONG_EDGE_KEYS_PER_MINUTE,
  maxResultAgeMs: config.MAX_RESULT_AGE_DAYS * 86_400_000,
  retention: { resultDays: config.RESULT_RETENTION_DAYS, historyDays: config.HISTORY_RETENTION_DAYS }, mqttUrl: config.MQTT_URL,
  maxOpenAlertsPerLine: config.MAX_OPEN_ALERTS_PER_LINE, maxNewAlertKeysPerEdgeKeyHour: config.MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR,
  maxConnectionsPerSession: config.MAX_CONNECTIONS_PER_SESSION, maxRoomsPerConnection: config.MAX_ROOMS_PER_CONNECTION, maxConnectionsPerEdgeKey: config.MAX_CONNECTIONS_PER_EDGE_KEY,
  allowedOrigins: config.ALLOWED_ORIGINS, metricsToken: config.METRICS_TOKEN,
  signInLimits: {
    loginPerAccountAddress: config.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, loginPerAddress: config.LOGIN_FAILURES_PER_ADDRESS, loginPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
    pinPerBadge: config.PIN_FAILURES_PER_BADGE, pinPerPanel: config.PIN_FAILURES_PER_PANEL,
  },
  edgeKeyFailuresPerMinute: config.EDGE_KEY_FAILURES_PER_MINUTE, trustProxy: config.TRUST_PROXY,
  slowHashBounds: { concurrency: config.SLOW_HASH_CONCURRENCY, queue: config.SLOW_HASH_QUEUE },
  beforeReady: (fastify) => setupRoutes(fastify, { store, token: setupToken, clock: Date.now }),
});
// Pushes between instances may have been lost while Redis was away: browsers take a fresh snapshot.
redis?.on('ready', () => {
  if (!redisLost) return;
  redisLost = false;
  log.warn('redis connection back; browsers resubscribe for a fresh snapshot');
  app.adapterRecovered();
});
// The book saved last is the one in force: another instance may have changed it while this one was down.
await applyStoredPolicy(store, app.host, engine.policy());
await new Promise<void>((ok, fail) => httpServer.once('error', fail).listen(config.PORT, config.HOST, ok));
const address = httpServer.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const url = `http://${config.HOST}:${port}`;

const banner = [`Clearline relay listening on ${url}`, `  store: ${config.DATABASE_URL ? 'PostgreSQL' : config.sqliteFile}`];
if (redis) banner.push(`  scale-out: Redis adapter, engine lines: ${config.LINES ?? 'all'}`);
let sim: ReturnType<typeof startSimulator> | undefined;
if (demo) {
  const seeded = await seedDemo(store, Date.now(), { password: config.CLEARLINE_DEMO_PASSWORD, edgeKey: config.CLEARLINE_DEMO_EDGE_KEY, pin: config.CLEARLINE_DEMO_PIN });
  banner.push('  DEMO MODE — demo users and a demo edge key exist only in this mode',
    `  logins: ${DEMO_USERS.map((u) => u.username).join(', ')}  password: ${seeded.password}`,
    `  demo edge key: ${seeded.edgeKey}`,
    `  operator badge ${DEMO_BADGE}, PIN ${seeded.pin} (identify on a panel)`,
    ...seeded.panels.map((p) => `  panel device ${p.line}: ${url}/panel-login (token ${p.token})`),
    `  panels: ${url}/panel/demo/line1  ${url}/panel/demo/line2`);
  sim = startSimulator(url, seeded.edgeKey, config.CLEARLINE_SIM_SPEED, log);
} else if (setupToken) {
  banner.push('  first run: create the admin with', `  curl -X POST ${url}/api/v1/setup -H 'content-type: application/json' \\`,
    `    -d '{"token":"${setupToken}","username":"admin","displayName":"Admin","password":"<at least 12 characters>"}'`);
}
console.log(banner.join('\n'));

async function shutdown(signal: string) {
  log.info({ signal }, 'shutting down');
  sim?.kill('SIGTERM');
  await app.close();
  await guards.close(); // the watermark and the audit anchor record where the store stopped
  await store.close();
  await redis?.quit();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
