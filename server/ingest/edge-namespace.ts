import type { Namespace } from 'socket.io';
import type { EdgeToServerEvents, ServerToEdgeEvents } from '../../src/protocol/events.ts';
import type { EdgeIdentity, EdgeKeyVerifier } from '../auth/edge-keys.ts';
import type { Ingest } from './pipeline.ts';

type EdgeNamespace = Namespace<EdgeToServerEvents, ServerToEdgeEvents, Record<string, never>, { edge: EdgeIdentity }>;

/** `/edge`: edges authenticate with their key (socket auth or Bearer header) and publish `inference`. */
export function registerEdgeNamespace(nsp: EdgeNamespace, deps: { verifier: EdgeKeyVerifier; ingest: Ingest }) {
  nsp.use(async (socket, next) => {
    const auth = socket.handshake.auth as { key?: unknown };
    const bearer = /^Bearer (.+)$/.exec(socket.handshake.headers.authorization ?? '')?.[1];
    const key = typeof auth.key === 'string' ? auth.key : bearer;
    const checked = await deps.verifier.authenticate(key, socket.handshake.address);
    if (!('edge' in checked)) return next(new Error(checked.reason));
    socket.data.edge = checked.edge;
    next();
  });
  nsp.on('connection', (socket) => {
    socket.on('inference', (payload, ack) => {
      if (typeof ack !== 'function') return; // an edge that does not wait for answers cannot be told what was refused
      deps.ingest(socket.data.edge, payload).then(ack, (err: Error) =>
        ack({ accepted: [], rejected: [{ index: -1, reason: `error: ${err.message}` }] }));
    });
  });
}
