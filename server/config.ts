import { resolve } from 'node:path';
import { z } from 'zod';

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
  RESULT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  HISTORY_RETENTION_DAYS: z.coerce.number().positive().max(36500).default(365),
  CLEARLINE_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CLEARLINE_DEMO_EDGE_KEY: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 characters of A-Z a-z 0-9 _ -').optional(),
  CLEARLINE_DEMO_PIN: z.string().regex(/^[0-9]{4,8}$/, 'must be 4–8 digits').optional(),
  CLEARLINE_SIM_SPEED: z.coerce.number().positive().default(1),
  SECURE_COOKIES: z.enum(['0', '1']).default('0'),
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
