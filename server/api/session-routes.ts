import type { FastifyInstance } from 'fastify';
import { LoginBody } from '../../src/protocol/session.ts';
import type { FailureLimiter } from '../auth/rate-limit.ts';
import { login, logout, SESSION_COOKIE } from '../auth/sessions.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { HttpError, parseOr400, requireUser } from './guard.ts';

/** `/api/v1/session`: sign in (rate limited per user and address), who am I, sign out. */
export function sessionRoutes(app: FastifyInstance, deps: { store: Store; limiter: FailureLimiter; clock: () => number; secureCookies: boolean; sync: Pick<ConfigSync, 'sessionsChanged'> }) {
  app.post('/api/v1/session', async (req, reply) => {
    const body = parseOr400(LoginBody, req.body, 'login');
    const now = deps.clock();
    const keys = [`u:${body.username}`, `ip:${req.ip}`];
    const wait = Math.max(...keys.map((k) => deps.limiter.blockedFor(k, now)));
    if (wait > 0) {
      void reply.header('retry-after', Math.ceil(wait / 1000));
      throw new HttpError(429, `too many failed sign-ins: try again in ${Math.ceil(wait / 1000)} s`);
    }
    const session = await login(deps.store, body.username, body.password, now);
    const address = { ip: req.ip };
    if (!session) {
      keys.forEach((k) => deps.limiter.fail(k, now));
      await deps.store.audit([{ at: now, actor: body.username, action: 'login.failed', target: body.username, detail: address }]);
      throw new HttpError(401, 'unauthorized: wrong username or password');
    }
    keys.forEach((k) => deps.limiter.succeed(k));
    await deps.store.audit([{ at: now, actor: body.username, action: 'login', target: body.username, detail: address }]);
    void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, maxAge: 12 * 3600 });
    return session.me;
  });
  app.get('/api/v1/session', async (req) => requireUser(deps.store, req, 'viewer', deps.clock()));
  app.delete('/api/v1/session', async (req, reply) => {
    await logout(deps.store, req.cookies[SESSION_COOKIE]);
    await deps.sync.sessionsChanged(); // the signed-out session's sockets stop receiving
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
