import type { InferenceResultInput } from '../../src/protocol/inference.ts';
import type { TestRelay } from '../testing/relay.ts';
import { result } from '../testing/results.ts';

/** HTTP against a test relay with a session cookie (or none); answers status, JSON (when any) and headers. */
export async function call(relay: TestRelay, cookie: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${relay.url}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, json: json as any, text, headers: res.headers };
}

export const get = (relay: TestRelay, cookie: string | null, path: string) => call(relay, cookie, 'GET', path);

/** Publishes results over HTTP with an edge key and waits until the engine has stored what they caused. */
export async function publish(relay: TestRelay, key: string, results: InferenceResultInput[]) {
  const res = await fetch(`${relay.url}/api/v1/inferences`, {
    method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(results),
  });
  if (res.status !== 202) throw new Error(`publish: ${res.status} ${await res.text()}`);
  await relay.app.host.drain();
  return res.json() as Promise<{ accepted: string[]; rejected: unknown[] }>;
}

export const T0 = 1_760_000_000_000;

/**
 * An episode on one asset: `above` results over threshold then `below` results back to normal, one per
 * second from `start` (event time). With the default policy it raises and annunciates one alert.
 */
export function episode(asset: string, start: number, opts: { above?: number; below?: number; line?: string; plant?: string; idPrefix?: string; label?: string; drift?: number } = {}): InferenceResultInput[] {
  const above = opts.above ?? 4;
  const below = opts.below ?? 15;
  const prefix = opts.idPrefix ?? `${asset}-${start}`;
  return Array.from({ length: above + below }, (_, i) => result(0, {
    id: `${prefix}-${i}`, ts: start + i * 1000, asset, plant: opts.plant ?? 'p1', line: opts.line ?? 'l1',
    score: i < above ? 0.95 : 0.1, threshold: 0.8, ...(opts.label ? { label: opts.label } : {}),
    ...(opts.drift !== undefined ? { drift: { score: opts.drift, features: { flow: opts.drift * 2, current: opts.drift / 2 } } } : {}),
  }));
}
