import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, Me } from '../../src/protocol/session.ts';
import type { SignInLimits } from '../auth/sign-in-limits.ts';
import { login, logout, SESSION_COOKIE } from '../auth/sessions.ts';
import type { ConfigSync } from '../relay/config-sync.ts';
import type { Store } from '../store/store.ts';
import { admittedOr429, checked } from './attempts.ts';
import { HttpError } from './guard.ts';
import { personOf } from './authorise.ts';
import { policy } from './route-policy.ts';

/** `/api/v1/session`: sign in (limited per account and address, address, account: sign-in-limits.ts), who am I, sign out. */
export function sessionRoutes(app: FastifyInstance, deps: { store: Store; limits: SignInLimits; clock: () => number; secureCookies: boolean; sync: Pick<ConfigSync, 'sessionsChanged'> }) {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.post('/api/v1/session', {
    config: policy('public'),
    schema: { summary: 'Sign in (rate limited); sets the session cookie', body: LoginBody, response: { 200: Me } },
  }, async (req, reply) => {
    const body = req.body;
    const now = deps.clock();
    // Admitted (holding a place in each limit) before the slow hash, so parallel guesses past the limit get 429 at once.
    const attempt = admittedOr429(reply, deps.limits.login(body.username, req.ip, now), 'too many failed sign-ins');
    const session = await checked(reply, attempt, () => login(deps.store, body.username, body.password, now));
    const address = { ip: req.ip };
    if (!session) {
      attempt.failed(now);
      await deps.store.audit([{ at: now, actor: body.username, action: 'login.failed', target: body.username, detail: address }]);
      throw new HttpError('wrong_credentials', 'unauthorized: wrong username or password');
    }
    attempt.succeeded(); // resets this account at this address only, never the address's other failures
    deps.limits.signedIn(body.username, req.ip);
    await deps.store.audit([{ at: now, actor: body.username, action: 'login', target: body.username, detail: address }]);
    void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, maxAge: 12 * 3600 });
    return session.me;
  });
  app.get('/api/v1/session', { config: policy('viewer'), schema: { summary: 'Who is signed in', response: { 200: Me } } }, async (req) => personOf(req));
  // Signing out needs no session: without one it just clears the cookie.
  app.delete('/api/v1/session', { config: policy('public'), schema: { summary: 'Sign out', response: { 204: z.null().meta({ description: 'Signed out' }) } } }, async (req, reply) => {
    const now = deps.clock();
    const who = await logout(deps.store, req.cookies[SESSION_COOKIE], now);
    if (who) await deps.store.audit([{ at: now, actor: who.username, action: 'logout', target: who.username, detail: { ip: req.ip } }]);
    await deps.sync.sessionsChanged(); // the signed-out session's sockets stop receiving
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
