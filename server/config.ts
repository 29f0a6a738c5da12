import { resolve } from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './auth/client-address.ts';
import { SLOW_HASH_DEFAULTS } from './auth/hash.ts';
import { SIGN_IN_LIMIT_DEFAULTS as LIMITS } from './auth/sign-in-limits.ts';
import { DEFAULT_BOUNDS } from './relay/bounds.ts';
import { parseAllowedOrigins } from './auth/origin.ts';

const Env = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  REDIS_STREAM: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 : _ . -').default('clearline'),
  MQTT_URL: z.string().url().optional(),
  LINES: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BROWSER_QUEUE_MB: z.coerce.number().positive().max(4096).default(16),
  EDGE_CLOCK_TOLERANCE_S: z.coerce.number().int().positive().max(31_536_000).default(900),
  AUDIT_REFUSED_COMMANDS_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(30),
  AUDIT_WRONG_EDGE_KEYS_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(30),
  MAX_RESULT_AGE_DAYS: z.coerce.number().positive().max(3650).default(7),
  MAX_OPEN_ALERTS_PER_LINE: z.coerce.number().int().positive().max(10_000_000).default(DEFAULT_BOUNDS.maxOpenAlertsPerLine),
  MAX_NEW_ALERT_KEYS_PER_EDGE_KEY_HOUR: z.coerce.number().int().positive().max(100_000_000).default(DEFAULT_BOUNDS.maxNewAlertKeysPerEdgeKeyHour),
  MAX_CONNECTIONS_PER_SESSION: z.coerce.number().int().positive().max(1_000_000).default(DEFAULT_BOUNDS.maxConnectionsPerSession),
  MAX_ROOMS_PER_CONNECTION: z.coerce.number().int().positive().max(1_000_000).default(DEFAULT_BOUNDS.maxRoomsPerConnection),
  MAX_CONNECTIONS_PER_EDGE_KEY: z.coerce.number().int().positive().max(1_000_000).default(DEFAULT_BOUNDS.maxConnectionsPerEdgeKey),
  RESULT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  HISTORY_RETENTION_DAYS: z.coerce.number().positive().max(36500).default(365),
  CLEARLINE_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CLEARLINE_DEMO_EDGE_KEY: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 characters of A-Z a-z 0-9 _ -').optional(),
  CLEARLINE_DEMO_PIN: z.string().regex(/^[0-9]{4,8}$/, 'must be 4–8 digits').optional(),
  CLEARLINE_SIM_SPEED: z.coerce.number().positive().default(1),
  SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  // Sign-in and edge-key limits (server/auth/sign-in-limits.ts), the slow-hash bound, the proxy in front.
  LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().positive().max(100_000).default(LIMITS.loginPerAccountAddress),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().max(100_000).default(LIMITS.loginPerAddress),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().max(100_000).default(LIMITS.loginPerAccount),
  PIN_FAILURES_PER_BADGE: z.coerce.number().int().positive().max(100_000).default(LIMITS.pinPerBadge),
  PIN_FAILURES_PER_PANEL: z.coerce.number().int().positive().max(100_000).default(LIMITS.pinPerPanel),
  EDGE_KEY_FAILURES_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(20),
  SLOW_HASH_CONCURRENCY: z.coerce.number().int().positive().max(64).default(SLOW_HASH_DEFAULTS.concurrency),
  SLOW_HASH_QUEUE: z.coerce.number().int().min(0).max(100_000).default(SLOW_HASH_DEFAULTS.queue),
  TRUST_PROXY: z.string().optional().superRefine((text, ctx) => {
    try {
      parseTrustProxy(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  }),
  // Store integrity (server/store/startup.ts): the check at start, the watermark and the audit anchor.
  STORE_INTEGRITY_CHECK: z.enum(['quick', 'full', 'off']).default('quick'),
  ACCEPT_RESTORED_DATABASE: z.enum(['0', '1']).default('0'),
  STORE_WATERMARK_INTERVAL_S: z.coerce.number().positive().max(3600).default(1),
  AUDIT_ANCHOR_INTERVAL_S: z.coerce.number().positive().max(3600).default(1),
  AUDIT_ANCHOR_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ALLOWED_ORIGINS: z.string().optional().transform((text, ctx) => {
    try {
      return parseAllowedOrigins(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{16,200}$/, 'must be 16–200 printable characters without spaces').optional(),
});

/** The relay's configuration from the environment; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`bad configuration:\n  ${issues}`);
  }
  const c = parsed.data;
  return { ...c, dataDir: resolve(c.DATA_DIR), sqliteFile: resolve(c.DATA_DIR, 'clearline.sqlite') };
}
export type Config = ReturnType<typeof loadConfig>;
