import type { z } from 'zod';
import { describeIssues } from '../protocol/common.ts';
import { ErrorBody, type RefusalCode } from '../protocol/refusal.ts';

/**
 * A failed API call with the HTTP status, the relay's refusal code (null when there is no relay
 * answer: network failure, a proxy's error page, an answer that breaks the contract) and a message a
 * person can read. Decide on `code`, never on the message.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: RefusalCode | null;
  constructor(status: number, message: string, code: RefusalCode | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The ApiError of a non-2xx answer: the relay's `{ error, code }`, else the status text. */
export async function readError(res: Response): Promise<ApiError> {
  try {
    const body = ErrorBody.safeParse(await res.json());
    if (body.success) return new ApiError(res.status, body.data.error, body.data.code);
  } catch {
    // not JSON: fall through to the status text
  }
  return new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
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
  if (!res.ok) throw await readError(res);
  if (schema === null || res.status === 204) return undefined as z.output<S>;
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, `Unexpected answer from ${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
