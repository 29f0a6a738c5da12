import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Me, OperatorBadgeBody, PanelLoginBody } from '../../src/protocol/session.ts';
import { identifyOperator, openPanelSession, signOutOperator } from '../auth/panels.ts';
import type { SignInLimits } from '../auth/sign-in-limits.ts';
import { SESSION_COOKIE, sessionMe } from '../auth/sessions.ts';
import type { Store } from '../store/store.ts';
import { admittedOr429, checked } from './attempts.ts';
import { HttpError } from './guard.ts';
import { personOf } from './authorise.ts';
import { policy } from './route-policy.ts';

interface Deps {
  store: Store;
  limits: SignInLimits;
  clock: () => number;
  secureCookies: boolean;
}

/**
 * Panels: a device signs in with its token (a session bound to one line, viewer by default); an
 * operator identifies on it with badge + PIN and falls back to viewer when idle or signed out.
 */
export function panelRoutes(app: FastifyInstance, deps: Deps) {
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  // Public: the panel's token is the credential, checked here (rate limited).
  zapp.post('/api/v1/panel-session', {
    config: policy('public'),
    schema: { summary: 'A panel device signs in with its token: a viewer session bound to one line', body: PanelLoginBody, response: { 200: Me } },
  }, async (req, reply) => {
    const { token } = req.body;
    const now = deps.clock();
    // Admitted before the slow hash: parallel wrong tokens past the address's limit get 429 at once.
    const attempt = admittedOr429(reply, deps.limits.panelToken(req.ip, now), 'too many failed attempts');
    const session = await checked(reply, attempt, () => openPanelSession(deps.store, token, now));
    if (!session) {
      attempt.failed(now);
      await deps.store.audit([{ at: now, actor: 'panel', action: 'panel.login.failed', target: token.slice(0, 12), detail: { ip: req.ip } }]);
      throw new HttpError('wrong_credentials', 'unauthorized: unknown or revoked panel token');
    }
    attempt.succeeded();
    void reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, maxAge: 30 * 24 * 3600 });
    const me = await sessionMe(deps.store, session, now);
    await deps.store.audit([{ at: now, actor: me!.username, action: 'panel.login', target: `${me!.panel!.plant}/${me!.panel!.line}`, detail: { ip: req.ip } }]);
    return me!;
  });

  zapp.post('/api/v1/panel-session/operator', {
    config: policy('panel device', 'bound line'),
    schema: { summary: 'An operator identifies on a panel with badge and PIN', body: OperatorBadgeBody, response: { 200: Me } },
  }, async (req, reply) => {
    const body = req.body;
    const token = req.cookies[SESSION_COOKIE];
    const now = deps.clock();
    const me = personOf(req);
    if (!me.panel) throw new HttpError('unauthorized', 'unauthorized: sign this panel in first');
    // Per badge on this panel and per panel, so one badge's wrong PINs do not lock the others out.
    const attempt = admittedOr429(reply, deps.limits.pin(me.panel.id, body.badge, now), 'too many failed attempts');
    const outcome = await checked(reply, attempt, () => identifyOperator(deps.store, token!, body.badge, body.pin, now));
    if (!outcome.ok) {
      attempt.failed(now);
      await deps.store.audit([{ at: now, actor: `badge:${body.badge}`, action: 'operator.identify.failed', target: me.panel.id, detail: { reason: outcome.reason } }]);
      throw new HttpError(outcome.code, outcome.reason);
    }
    attempt.succeeded();
    const who = await sessionMe(deps.store, token, now);
    await deps.store.audit([{ at: now, actor: who!.username, action: 'operator.identify', target: me.panel.id, detail: { badge: body.badge } }]);
    return who!;
  });

  app.delete('/api/v1/panel-session/operator', {
    config: policy('panel device', 'bound line'),
    schema: { summary: 'The operator leaves the panel (it falls back to viewer)', response: { 204: z.null().meta({ description: 'Back to viewer' }) } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const me = personOf(req);
    if (!me.panel) throw new HttpError('unauthorized', 'unauthorized: not a panel session');
    await signOutOperator(deps.store, token!);
    await deps.store.audit([{ at: deps.clock(), actor: me.username, action: 'operator.sign_out', target: me.panel.id, detail: {} }]);
    return reply.code(204).send();
  });
}
