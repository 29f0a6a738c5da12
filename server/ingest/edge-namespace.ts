import type { Namespace } from 'socket.io';
import type { EdgeToServerEvents, ServerToEdgeEvents } from '../../src/protocol/events.ts';
import { EDGE_SOCKET_EVENTS } from '../../src/protocol/socket-events.ts';
import { clientAddress, type TrustProxy } from '../auth/client-address.ts';
import type { EdgeIdentity, EdgeKeyVerifier } from '../auth/edge-keys.ts';
import { DEFAULT_BOUNDS } from '../relay/bounds.ts';
import { ConnectionLimit } from '../relay/connection-limit.ts';
import { RefusedError } from '../relay/refused.ts';
import type { Ingest } from './pipeline.ts';

type EdgeNamespace = Namespace<EdgeToServerEvents, ServerToEdgeEvents, Record<string, never>, { edge: EdgeIdentity }>;

/** `/edge`: edges authenticate with their key (socket auth or Bearer header) and publish `inference`. */
export function registerEdgeNamespace(nsp: EdgeNamespace, deps: { verifier: EdgeKeyVerifier; ingest: Ingest; maxConnectionsPerEdgeKey?: number; trustProxy?: TrustProxy | null }) {
  const maxSockets = deps.maxConnectionsPerEdgeKey ?? DEFAULT_BOUNDS.maxConnectionsPerEdgeKey;
  const perKey = new ConnectionLimit(maxSockets);
  nsp.use(async (socket, next) => {
    const auth = socket.handshake.auth as { key?: unknown };
    const bearer = /^Bearer (.+)$/.exec(socket.handshake.headers.authorization ?? '')?.[1];
    const key = typeof auth.key === 'string' ? auth.key : bearer;
    // Wrong keys are counted per client address, found as REST finds `req.ip` (TRUST_PROXY).
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], deps.trustProxy ?? null);
    const checked = await deps.verifier.authenticate(key, address);
    if (!('edge' in checked)) return next(new RefusedError(checked.code, checked.reason));
    if (!perKey.admit(checked.edge.keyId, socket)) {
      return next(new RefusedError('limit', `limit: at most ${maxSockets} connections per edge key (MAX_CONNECTIONS_PER_EDGE_KEY); close another first`));
    }
    socket.data.edge = checked.edge;
    next();
  });
  // Declared in src/protocol/socket-events.ts: any shape, each item checked by ingest within the key's scopes.
  const { inference } = EDGE_SOCKET_EVENTS;
  nsp.on('connection', (socket) => {
    socket.on('inference', (payload, ack) => {
      if (typeof ack !== 'function') return; // an edge that does not wait for answers cannot be told what was refused
      deps.ingest(socket.data.edge, inference.request.parse(payload)).then(ack, (err: Error) =>
        ack({ accepted: [], rejected: [{ index: -1, code: 'internal', reason: `error: ${err.message}` }] }));
    });
  });
}
