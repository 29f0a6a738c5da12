import { request } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';

/** A JSON answer: status, parsed body (null when none) and headers. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A JSON request to a relay from a chosen loopback source address (127.0.0.x: every one of them is
 * this machine on Linux), so a test can be several clients at once without a proxy in between.
 */
export function requestFrom(localAddress: string, url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const u = new URL(url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: u.hostname, port: u.port, path: u.pathname + u.search, method, localAddress, agent: false,
      headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Connects to `/edge` with `key` from a chosen source address (and extra headers, e.g. a proxy's
 * X-Forwarded-For); resolves "connected" or the connect error's message, and closes the socket.
 */
export function edgeConnectFrom(url: string, key: string, localAddress = '127.0.0.1', extraHeaders: Record<string, string> = {}): Promise<string> {
  const s: Socket = connect(`${url}/edge`, { auth: { key }, transports: ['websocket'], reconnection: false, forceNew: true, localAddress, extraHeaders } as never);
  return new Promise((resolve) => {
    s.once('connect', () => (s.close(), resolve('connected')));
    s.once('connect_error', (err: Error) => (s.close(), resolve(err.message)));
  });
}

/** How many answers had each status, e.g. `{ 401: 5, 429: 35 }`. */
export function countStatuses(answers: { status: number }[]): Record<number, number> {
  const by: Record<number, number> = {};
  for (const a of answers) by[a.status] = (by[a.status] ?? 0) + 1;
  return by;
}
