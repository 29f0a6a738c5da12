import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import type { SignInLimitConfig } from './auth/sign-in-limits.ts';
import type { AlarmEngine } from './engine/engine.ts';
import type { Ownership } from './relay/ownership.ts';
import type { Store } from './store/store.ts';

/**
 * What createApplication needs: the real ones come from server/main.ts, tests build their own.
 * Every bound is optional here and has its default beside the code that enforces it.
 */
export interface AppDeps {
  store: Store;
  engine: AlarmEngine;
  log: Logger;
  clock?: () => number;
  /** Built app to serve (index.html + assets); omitted in API-only tests. */
  staticDir?: string;
  highWater?: number;
  retryAfterMs?: number;
  /** Wrong edge keys one address may try per minute before it is refused without hashing (default 20). */
  edgeKeyFailuresPerMinute?: number;
  /** Failed sign-ins and PINs allowed per account, address, badge and panel (defaults in auth/sign-in-limits.ts). */
  signInLimits?: Partial<SignInLimitConfig>;
  /** Slow hashes at once, and checks that may wait for a turn before "busy" (process-wide; default 2 and 32). */
  slowHashBounds?: { concurrency: number; queue: number };
  /** TRUST_PROXY: a hop count or the proxies' addresses/CIDRs; `req.ip` and `/edge` then see the client (default off). */
  trustProxy?: string;
  /** Audit entries of refused commands per person a minute, and of wrong edge keys per address; the rest are summarised (default 30 each). */
  refusedCommandAuditPerMinute?: number;
  wrongEdgeKeyAuditPerMinute?: number;
  /** How far ahead of the relay's clock a result's `ts` may be (edge clocks drift; default 15 min). */
  edgeClockToleranceMs?: number;
  /** How far behind the relay's clock a result's `ts` may be (a dead clock sends 1970; default 7 days). */
  maxResultAgeMs?: number;
  tickMs?: number;
  secureCookies?: boolean;
  /** socket.io adapter joining relay instances (Redis streams when scaled out). */
  adapter?: ServerOptions['adapter'];
  /** Lines whose engine state this instance owns (default: all), and its engine snapshot slot. */
  owns?: Ownership;
  snapshotSlot?: number;
  /** Most bytes queued for one browser before a browser that stops reading is cut off (default 16 MB). */
  maxBrowserQueueBytes?: number;
  /** Retention in days: raw results, and the history of ended alerts (labels and audit are kept). */
  retention?: { resultDays: number; historyDays: number };
  /** Subscribe to inference results on this MQTT broker too. */
  mqttUrl?: string;
  /** Bounds (defaults in relay/bounds.ts): open alerts per line and new alert keys per edge key an hour, past which new keys are refused. */
  maxOpenAlertsPerLine?: number;
  maxNewAlertKeysPerEdgeKeyHour?: number;
  /** Bounds: sockets per session, line/plant subscriptions per socket, sockets per edge key. */
  maxConnectionsPerSession?: number;
  maxRoomsPerConnection?: number;
  maxConnectionsPerEdgeKey?: number;
  /** Browser origins besides the relay's own that may open sockets and change state (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** When set, `/metrics` needs `Authorization: Bearer <token>` (METRICS_TOKEN); otherwise it is open. */
  metricsToken?: string;
  /** Extra routes the entry point adds before the server is ready (e.g. first-run set-up). */
  beforeReady?: (fastify: FastifyInstance, store: Store) => void;
}
