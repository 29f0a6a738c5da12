import type { Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { Server } from 'socket.io';
import { MAX_ALERT_ID_LENGTH } from '../src/protocol/common.ts';
import { bearerMatches } from './auth/bearer.ts';
import { EdgeKeyVerifier } from './auth/edge-keys.ts';
import { edgeKeyAudit } from './auth/edge-key-audit.ts';
import { createOriginCheck, originRequestOf } from './auth/origin.ts';
import { parseTrustProxy } from './auth/client-address.ts';
import { boundSlowHashes, SLOW_HASH_DEFAULTS } from './auth/hash.ts';
import { SignInLimits } from './auth/sign-in-limits.ts';
import { registerEdgeNamespace } from './ingest/edge-namespace.ts';
import { createIngest } from './ingest/pipeline.ts';
import { startMqttIngest } from './ingest/mqtt.ts';
import { registerBrowserNamespace } from './relay/browser-namespace.ts';
import { refusedCommandBudget } from './relay/commands.ts';
import { EngineHost } from './relay/engine-host.ts';
import { AlertBounds } from './relay/alert-bounds.ts';
import { DEFAULT_BOUNDS } from './relay/bounds.ts';
import { registerCommandForwarding } from './relay/forwarding.ts';
import { registerConfigSync } from './relay/config-sync.ts';
import { startTrendStream } from './relay/trend-stream.ts';
import { createSessionSweep } from './relay/session-sweep.ts';
import { SnapshotWindow } from './relay/snapshot-window.ts';
import { createSlowBrowserSweep } from './relay/slow-browsers.ts';
import { createPublisher, type BrowserServer } from './relay/publisher.ts';
import { createMetrics } from './metrics.ts';
import { fastifyRefusalCode, HttpError, sendError, sendRefusal } from './api/guard.ts';
import { sessionRoutes } from './api/session-routes.ts';
import { panelRoutes } from './api/panel-routes.ts';
import { trendRoutes } from './api/trend-routes.ts';
import { ingestRoutes } from './api/ingest-routes.ts';
import { readRoutes } from './api/read-routes.ts';
import { alertsRoutes } from './api/alerts-routes.ts';
import { kpiRoutes } from './api/kpi-routes.ts';
import { labelsRoutes } from './api/labels-routes.ts';
import { auditRoutes } from './api/audit-routes.ts';
import { adminRoutes } from './api/admin-routes.ts';
import { configRoutes } from './api/config-routes.ts';
import { commandRoutes } from './api/command-routes.ts';
import { openapiRoutes } from './api/openapi-routes.ts';
import { swaggerOptions } from './api/openapi.ts';
import { registerAuthorisation } from './api/authorise.ts';
import { policy, type RoutePolicy } from './api/route-policy.ts';
import type { AppDeps } from './app-deps.ts';


export interface Application {
  fastify: FastifyInstance;
  io: BrowserServer;
  host: EngineHost;
  /** Every route with its declared policy (none only for static files), for the authorisation matrix. */
  routes: { method: string; url: string; policy: RoutePolicy | null }[];
  /** The adapter's link (Redis) came back: pushes may have been lost meanwhile (see config-sync.ts). */
  adapterRecovered(): void;
  close(): Promise<void>;
}

const CSP = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], fontSrc: ["'self'"], objectSrc: ["'none'"],
  frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], upgradeInsecureRequests: null,
};

/**
 * Wires the relay: REST routes, the `/edge` ingest namespace and the browser namespace, around
 * dependencies the caller builds (only server/main.ts builds the real ones; tests build their own).
 */
export async function createApplication(httpServer: HttpServer, deps: AppDeps): Promise<Application> {
  const clock = deps.clock ?? Date.now;
  boundSlowHashes(deps.slowHashBounds ?? SLOW_HASH_DEFAULTS);
  const trustProxy = parseTrustProxy(deps.trustProxy);
  const fastify = Fastify({
    trustProxy: trustProxy ?? false,
    loggerInstance: deps.log.child({ part: 'http' }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Alert ids are the longest path parameter (`/api/v1/alerts/:id`); Fastify's default of 100 answers 414.
    routerOptions: { maxParamLength: MAX_ALERT_ID_LENGTH },
    serverFactory: (handler) => httpServer.on('request', handler),
  }) as unknown as FastifyInstance; // pino's Logger generic vs Fastify's base logger type
  // Every route with its declared policy: the authorisation matrix test checks each against it.
  const routes: Application['routes'] = [];
  fastify.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url, policy: r.config?.policy ?? null });
  });
  await fastify.register(cookie);
  // The app's JavaScript goes out compressed (the panel's first load is budgeted in gzip bytes).
  await fastify.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await fastify.register(helmet, { contentSecurityPolicy: { directives: CSP }, crossOriginEmbedderPolicy: false });
  fastify.setErrorHandler((err, _req, reply) => {
    try {
      sendError(reply, err);
    } catch {
      // Fastify's own refusals (bad JSON, body too large, wrong content type) come with a status, mapped to a code here.
      const e = err as { statusCode?: number; message?: string };
      const code = fastifyRefusalCode(e.statusCode);
      if (code === 'internal') deps.log.error({ err }, 'request failed');
      sendRefusal(reply, code, code === 'internal' ? 'internal error' : `invalid request: ${e.message}`);
    }
  });
  // A page on another port of this host is same-site, so its requests carry the session cookie:
  // browser requests that change state must come from the relay's own origin (server/auth/origin.ts).
  const originRefusal = createOriginCheck(deps.allowedOrigins ?? []);
  fastify.addHook('onRequest', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const refusal = originRefusal(originRequestOf(req.raw));
    if (refusal) throw new HttpError('forbidden', refusal);
  });

  const owns = deps.owns ?? (() => true);
  // Only handshakes are checked: later requests name the session id, which a foreign page cannot read.
  const io: BrowserServer = new Server(httpServer, {
    maxHttpBufferSize: 1024 * 1024, serveClient: false, adapter: deps.adapter,
    allowRequest: (req, answer) => {
      const refusal = originRefusal(originRequestOf(req));
      answer(refusal, refusal === null);
    },
  });
  const metrics = createMetrics();
  const trends = startTrendStream(io, clock);
  const host = new EngineHost({
    engine: deps.engine, store: deps.store, publisher: createPublisher(io), clock, snapshotSlot: deps.snapshotSlot, owns: deps.owns,
    onStored: (results) => trends.stored(results),
    onError: (err, where) => deps.log.error({ err }, where),
    onSent: (ms) => metrics.emitted(ms / 1000),
    bounds: new AlertBounds({
      maxOpenAlertsPerLine: deps.maxOpenAlertsPerLine ?? DEFAULT_BOUNDS.maxOpenAlertsPerLine,
      maxNewAlertKeysPerEdgeKeyHour: deps.maxNewAlertKeysPerEdgeKeyHour ?? DEFAULT_BOUNDS.maxNewAlertKeysPerEdgeKeyHour,
      clock, onRefused: (report) => deps.log.warn(report, 'refusing results that would make new alert keys'),
    }),
  });
  const onAuditError = (err: unknown) => deps.log.error({ err }, 'audit summary');
  const wrongKeys = edgeKeyAudit(deps.store, { perMinute: deps.wrongEdgeKeyAuditPerMinute ?? 30, clock, onError: onAuditError });
  const verifier = new EdgeKeyVerifier(deps.store, { clock, failuresPerMinute: deps.edgeKeyFailuresPerMinute, onWrongKey: wrongKeys.wrongKey });
  // One bound for REST and sockets together: a person cannot double it by using both.
  const refusedAudit = refusedCommandBudget(deps.store, { perMinute: deps.refusedCommandAuditPerMinute ?? 30, clock, onError: onAuditError });
  const ingest = createIngest(host, metrics, { highWater: deps.highWater ?? 20_000, retryAfterMs: deps.retryAfterMs ?? 500, owns,
    latestTs: () => clock() + (deps.edgeClockToleranceMs ?? 15 * 60_000), earliestTs: () => clock() - (deps.maxResultAgeMs ?? 7 * 86_400_000) });
  const forward = registerCommandForwarding(io, { host, owns });
  const sweepSessions = createSessionSweep(io.of('/'), deps.store, clock);
  const snapshotsOnly = new SnapshotWindow();
  const sync = registerConfigSync(io, {
    snapshotsOnly, clock, policy: () => deps.engine.policy(),
    store: deps.store, host, forgetEdgeKeys: () => verifier.forget(), sweepSessions, scaledOut: deps.adapter !== undefined,
    onError: (err, where) => deps.log.error({ err }, where),
  });
  registerEdgeNamespace(io.of('/edge') as never, { verifier, ingest, maxConnectionsPerEdgeKey: deps.maxConnectionsPerEdgeKey, trustProxy });
  registerBrowserNamespace(io.of('/') as never, { store: deps.store, host, engine: deps.engine, clock, owns, forward, refusedAudit, replayLimit: 5000, snapshotsOnly,
    maxConnectionsPerSession: deps.maxConnectionsPerSession, maxRoomsPerConnection: deps.maxRoomsPerConnection });

  // Every route below declares its policy (server/api/route-policy.ts): one hook enforces them, the
  // OpenAPI document is generated from them, and a route without one stops the relay here.
  await fastify.register(swagger, swaggerOptions);
  registerAuthorisation(fastify, { store: deps.store, clock, verifier });
  fastify.get('/healthz', { config: policy('public') }, async () => ({ status: 'ok' }));
  let ticking = true;
  fastify.get('/readyz', { config: policy('public') }, async (_req, reply) => {
    const storeOk = await deps.store.ping();
    const ready = storeOk && ticking;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', store: storeOk, engine: ticking });
  });
  metrics.watch({
    queueDepth: () => host.queueDepth, browsers: () => io.of('/').sockets.size, edges: () => io.of('/edge').sockets.size,
    alertsByState: () => {
      const counts: Record<string, number> = {};
      for (const a of deps.engine.alerts()) counts[a.state] = (counts[a.state] ?? 0) + 1;
      return counts;
    },
  });
  // Public to the hook: the optional METRICS_TOKEN is its own credential, checked here.
  fastify.get('/metrics', { config: policy('public') }, async (req, reply) => {
    if (deps.metricsToken !== undefined && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendRefusal(reply, 'unauthorized', 'unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return reply.type(metrics.contentType).send(await metrics.render());
  });
  const limits = new SignInLimits(deps.signInLimits);
  sessionRoutes(fastify, { store: deps.store, limits, clock, secureCookies: deps.secureCookies ?? false, sync });
  panelRoutes(fastify, { store: deps.store, limits, clock, secureCookies: deps.secureCookies ?? false });
  ingestRoutes(fastify, { ingest });
  readRoutes(fastify, { store: deps.store, clock });
  alertsRoutes(fastify, { store: deps.store, clock });
  kpiRoutes(fastify, { store: deps.store, engine: deps.engine, clock });
  labelsRoutes(fastify, { store: deps.store, clock });
  auditRoutes(fastify, { store: deps.store, clock });
  adminRoutes(fastify, { store: deps.store, clock, verifier, edges: io.of('/edge'), sync });
  configRoutes(fastify, { store: deps.store, engine: deps.engine, host, io, clock, sync });
  commandRoutes(fastify, { store: deps.store, engine: deps.engine, host, clock, owns, forward, refusedAudit });
  trendRoutes(fastify, { store: deps.store, clock });
  openapiRoutes(fastify);
  deps.beforeReady?.(fastify, deps.store);
  if (deps.staticDir && existsSync(deps.staticDir)) {
    await fastify.register(fastifyStatic, { root: deps.staticDir, wildcard: false });
    // The SPA's client-side routes (/panel/…, /login) all load index.html; a missing API route or
    // asset (e.g. an old chunk after a rebuild) is a plain 404, never HTML under a script's name.
    fastify.setNotFoundHandler((req, reply) =>
      /^\/(api|assets)\//.test(req.url) ? sendRefusal(reply, 'not_found', `not found: ${req.url.slice(0, 200)}`) : reply.sendFile('index.html'));
  } else {
    fastify.setNotFoundHandler((req, reply) => sendRefusal(reply, 'not_found', `not found: ${req.url.slice(0, 200)}`));
  }
  await fastify.ready();

  const mqtt = deps.mqttUrl ? await startMqttIngest(deps.mqttUrl, { ingest, log: deps.log }) : null;
  const sweepSlowBrowsers = createSlowBrowserSweep(io, deps.maxBrowserQueueBytes);
  const timer = setInterval(() => {
    void host.tick();
    const dropped = sweepSlowBrowsers();
    if (dropped) deps.log.warn({ dropped }, 'dropped browsers that stopped reading');
  }, deps.tickMs ?? 1000);
  // Sessions also end by expiry and panel operators fall back to viewer: catch those every 30 s.
  const sessionTimer = setInterval(() => void sweepSessions().catch((err) => deps.log.error({ err }, 'session sweep')), 30_000);
  sessionTimer.unref();
  const retention = deps.retention;
  const pruner = retention && setInterval(() => {
    const now = clock();
    deps.store.prune({ resultsBefore: now - retention.resultDays * 86_400_000, historyBefore: now - retention.historyDays * 86_400_000 })
      .then((n) => n.results + n.changes > 0 && deps.log.info(n, 'retention: pruned'), (err) => deps.log.error({ err }, 'retention'));
  }, 3_600_000);
  return {
    fastify, io, host, routes,
    adapterRecovered: () => sync.adapterRecovered(),
    async close() {
      ticking = false;
      clearInterval(timer);
      trends.stop();
      clearInterval(sessionTimer);
      if (pruner) clearInterval(pruner);
      await mqtt?.endAsync();
      await host.stop().catch((err) => deps.log.error({ err }, 'final snapshot'));
      await io.close();
      await fastify.close();
      await Promise.all([refusedAudit.flush(), wrongKeys.flush()]).catch(onAuditError); // summaries of windows still open
    },
  };
}
