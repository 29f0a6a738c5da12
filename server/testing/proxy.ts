// A loopback TCP proxy between a client and its server (browser and relay, relay and Redis) that can
// cut every connection (as a network loss does) and refuse new ones for a while; it notes when socket.io
// connections come back.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CutProxy {
  port: number;
  url: string;
  /** Drops every open connection and resets new ones until `resume()`. */
  cut(): void;
  resume(): void;
  /**
   * Time the first socket.io request (`/socket.io/…`, polling or websocket) arrived after the last
   * `resume()` (null until one does). Other requests the app makes meanwhile (REST) do not count.
   */
  reconnectedAt(): number | null;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<CutProxy> {
  const pairs = new Set<Socket>();
  let down = false;
  let resumedAt = 0;
  let reconnectAt: number | null = null;
  const server: Server = createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    client.once('data', (chunk: Buffer) => {
      if (resumedAt && reconnectAt === null && /^(GET|POST) \/socket\.io\//.test(chunk.toString('latin1', 0, 32))) reconnectAt = Date.now();
    });
    const upstream = connect(targetPort, '127.0.0.1');
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    pairs.add(client);
    pairs.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(client);
      pairs.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    port, url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const s of pairs) s.resetAndDestroy();
      pairs.clear();
    },
    resume() {
      down = false;
      resumedAt = Date.now();
      reconnectAt = null;
    },
    reconnectedAt: () => reconnectAt,
    close() {
      for (const s of pairs) s.destroy();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}
