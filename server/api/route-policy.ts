import type { Role } from '../../src/protocol/common.ts';
import type { Me } from '../../src/protocol/session.ts';
import type { EdgeIdentity } from '../auth/edge-keys.ts';

/**
 * Who may call a route: the least role of a signed-in person, or a special kind of caller —
 * anyone (`public`: it checks credentials of its own, a login or a panel token), an edge with its
 * Bearer key, a signed-in panel device, or the holder of the first-run set-up token (checked by the route).
 */
export type Caller = Role | 'public' | 'edge key' | 'panel device' | 'set-up token';

/**
 * How the route keeps to the caller's scope. `plant in path` is enforced by the authorisation hook
 * (authorise.ts); the others need what the handler reads, so the handler enforces them as named here.
 */
export type ScopeRule =
  /** Nothing plant-bound (the caller's own session, the docs, the whole relay for admins). */
  | 'none'
  /** The `:plant` of the path touches the caller's scope (any line of it). */
  | 'plant in path'
  /** The `:plant` of the path lies wholly in the caller's scope (plant-wide configuration). */
  | 'whole plant in path'
  /** The `plant`/`line` of the query lie in the caller's scope. */
  | 'room in query'
  /** The answer keeps only what lies in the caller's scope. */
  | 'answer filtered'
  /** An alert outside the scope answers exactly as a missing one (404). */
  | 'alert in scope'
  /** Each command is checked against its alert's line and the role its kind needs (server/relay/commands.ts). */
  | 'per command'
  /** The panel's own line; the edge key's lines, per item. */
  | 'bound line'
  /** The caller's scope covers every plant. */
  | 'every plant';

/** A route's authorisation, declared once in its `config` and enforced by the hook in authorise.ts. */
export interface RoutePolicy {
  who: Caller;
  scope: ScopeRule;
  /**
   * `handler`: the hook signs in anyone with a session and the handler refuses those below `who`
   * itself, because that refusal is audited (commands: the handler shared with the socket event).
   */
  roleRefusedBy?: 'hook' | 'handler';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares one; the relay refuses to start with a route that does not (authorise.ts). */
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    /** The signed-in person (or panel device), set by the authorisation hook for routes that need one. */
    me: Me | null;
    /** The edge, set by the authorisation hook for `edge key` routes. */
    edge: EdgeIdentity | null;
  }
}

/** Shorthand for a declaration's `config`. */
export const policy = (who: Caller, scope: ScopeRule = 'none', roleRefusedBy: RoutePolicy['roleRefusedBy'] = 'hook'): { policy: RoutePolicy } =>
  ({ policy: { who, scope, roleRefusedBy } });

/** The sentence the API docs show for a policy. */
export function describePolicy(p: RoutePolicy): string {
  const who = p.who === 'public' ? 'anyone' : p.who.includes(' ') ? `a caller with a ${p.who}` : `${p.who} role or higher`;
  return `Who may call it: ${who}${p.scope === 'none' ? '' : `, within scope (${p.scope})`}.`;
}
