import type { z } from 'zod';
import { describeIssues } from '../protocol/common.ts';

/** A failed API call with the HTTP status and a message a person can read. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function readError(res: Response): Promise<string> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: fall through to the status text
  }
  return res.statusText || `HTTP ${res.status}`;
}

/**
 * Calls the relay's REST API on the same origin (cookie session) and parses the answer with `schema`.
 * Throws ApiError for non-2xx answers, network failures (status 0) and answers that break the contract.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S | null,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'Cannot reach the relay. Check the network.');
  }
  if (!res.ok) throw new ApiError(res.status, await readError(res));
  if (schema === null || res.status === 204) return undefined as z.output<S>;
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, `Unexpected answer from ${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
