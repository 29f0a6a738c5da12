import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { slowHash } from '../auth/hash.ts';
import type { Store } from '../store/store.ts';
import { HttpError } from './guard.ts';
import { policy } from './route-policy.ts';

const SetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  username: z.string().regex(/^[a-z0-9._-]{2,64}$/, 'must be 2–64 characters of a-z 0-9 . _ -'),
  displayName: z.string().min(1).max(64),
  password: z.string().min(12, 'must be at least 12 characters').max(256),
});

/**
 * First run without demo data: the relay prints a one-time set-up token; `POST /api/v1/setup` with
 * it creates the first admin. Once any user exists the route refuses, so there is no default login.
 * Exactly one of simultaneous set-ups succeeds: they take turns in this process, and the store
 * creates the admin only while there is no user (another relay on the same database may race).
 */
export function setupRoutes(app: FastifyInstance, deps: { store: Store; token: string | null; clock: () => number }) {
  let token = deps.token;
  let turn: Promise<unknown> = Promise.resolve();
  app.withTypeProvider<ZodTypeProvider>().post('/api/v1/setup', {
    config: policy('set-up token'),
    schema: {
      summary: 'First run without demo data: create the first admin with the printed token', body: SetupBody,
      response: { 201: z.object({ username: z.string(), role: z.literal('admin') }) },
    },
  }, async (req, reply) => {
    const body = req.body;
    const mine = turn.then(() => setUp(body, req.ip));
    turn = mine.catch(() => undefined);
    await mine;
    return reply.code(201).send({ username: body.username, role: 'admin' });
  });

  async function setUp(body: z.output<typeof SetupBody>, ip: string): Promise<void> {
    if (!token || (await deps.store.userCount()) > 0) throw new HttpError('conflict', 'conflict: set-up is already done');
    const a = Buffer.from(body.token), b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new HttpError('forbidden', 'forbidden: wrong set-up token');
    const admin = { username: body.username, displayName: body.displayName, role: 'admin' as const, scopes: [{ plant: '*' }], passwordHash: await slowHash(body.password) };
    if (!(await deps.store.createFirstUser(admin, deps.clock()))) throw new HttpError('conflict', 'conflict: set-up is already done');
    token = null;
    await deps.store.audit([{ at: deps.clock(), actor: 'setup', action: 'user.create', target: body.username, detail: { displayName: body.displayName, role: 'admin', scopes: [{ plant: '*' }], via: 'setup', ip } }]);
  }
}
