import { FieldErrors } from '../../protocol/admin.ts';

export type Saved<T> = { ok: true; data: T } | { ok: false; error: string; fields: FieldErrors['fields'] };

/**
 * Sends JSON and keeps a refusal's per-field problems (`fields`), so an editor can show each one
 * beside its field instead of one message.
 */
export async function sendJson<T>(method: 'PUT' | 'POST' | 'PATCH', path: string, body: unknown): Promise<Saved<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, error: 'Cannot reach the relay. Check the network.', fields: [] };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: json as T };
  const parsed = FieldErrors.partial({ fields: true }).safeParse(json);
  return parsed.success ? { ok: false, error: parsed.data.error, fields: parsed.data.fields ?? [] } : { ok: false, error: res.statusText || `HTTP ${res.status}`, fields: [] };
}

/** Problems whose path is `path` or lies under it. */
export const problemsAt = (fields: FieldErrors['fields'], path: string) => fields.filter((f) => f.path === path || f.path.startsWith(`${path}.`));
