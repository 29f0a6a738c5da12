import type { Scope } from '../../src/protocol/session.ts';
import type { EdgeKeyRecord, Store } from '../store/store.ts';
import { randomToken, slowHash, tokenDigest, verifySlowHash } from './hash.ts';
import { BusyError } from './hash-gate.ts';
import { admit, FailureLimiter } from './rate-limit.ts';

/** An authenticated edge: its key id (the idempotency namespace) and where it may publish. */
export interface EdgeIdentity {
  keyId: string;
  name: string;
  scopes: Scope[];
}

/** Id of the demo mode's edge key, which may publish to any plant and line. */
export const DEMO_KEY_ID = 'demo';

/** Makes a new key `cl_<id>_<secret>`; only the slow hash of the secret is stored. Shown once. */
export async function createEdgeKey(store: Store, name: string, scopes: Scope[], at: number, secret = randomToken()) {
  const id = randomToken(6).replace(/[-_]/g, 'x');
  const record: EdgeKeyRecord = { id, name, keyHash: await slowHash(secret), scopes, revokedAt: null };
  await store.upsertEdgeKey(record, at);
  return { key: `cl_${id}_${secret}`, record };
}

/** An edge key accepted, or refused with the refusal's code and the reason to give. */
export type EdgeAuth = { edge: EdgeIdentity } | { code: 'unauthorized' | 'rate_limited' | 'busy'; reason: string; retryAfterS?: number };

/**
 * Verifies edge keys. The slow hash runs once per distinct key; a digest cache keeps a busy edge's
 * every request from paying it again (a revoked key is dropped from the cache by `forget`). Wrong
 * keys are counted per address, and a key being checked holds its place first: past the limit,
 * that address's attempts (parallel ones too) are refused before any hash is computed, so nobody
 * can make the relay spend its CPU on scrypt by guessing.
 */
export class EdgeKeyVerifier {
  private readonly cache = new Map<string, EdgeIdentity>();
  private readonly store: Store;
  private readonly failures: FailureLimiter;
  private readonly clock: () => number;
  private readonly onWrongKey?: (presented: string, source: string) => Promise<void> | void;

  /** `onWrongKey`: told of each wrong key that was checked (the audit; see server/auth/edge-key-audit.ts). */
  constructor(store: Store, opts: { clock?: () => number; failuresPerMinute?: number; onWrongKey?: (presented: string, source: string) => Promise<void> | void } = {}) {
    this.store = store;
    this.clock = opts.clock ?? Date.now;
    this.onWrongKey = opts.onWrongKey;
    this.failures = new FailureLimiter(opts.failuresPerMinute ?? 20, 60_000);
  }

  /** A presented key from `source` (the peer address): the identity, or why not. */
  async authenticate(presented: string | undefined, source: string): Promise<EdgeAuth> {
    if (!presented || presented.length > 200) return { code: 'unauthorized', reason: 'unauthorized: unknown or revoked edge key' };
    const digest = tokenDigest(presented);
    const known = this.cache.get(digest);
    if (known) return { edge: known };
    const now = this.clock();
    const admission = admit([{ limiter: this.failures, key: source, what: 'from this address' }], now);
    if ('refused' in admission) {
      const retryAfterS = Math.max(1, Math.ceil(admission.refused.waitMs / 1000));
      return { code: 'rate_limited', reason: `unauthorized: too many wrong edge keys from this address; retry in ${retryAfterS} s`, retryAfterS };
    }
    let edge: EdgeIdentity | null;
    try {
      edge = await this.verifySlowly(presented, digest);
    } catch (err) {
      admission.attempt.released();
      if (err instanceof BusyError) return { code: 'busy', reason: err.message, retryAfterS: 1 };
      throw err;
    }
    if (edge) {
      admission.attempt.succeeded();
      return { edge };
    }
    admission.attempt.failed(now);
    await this.onWrongKey?.(presented, source);
    return { code: 'unauthorized', reason: 'unauthorized: unknown or revoked edge key' };
  }

  /** A key not in the cache: looked up and checked against its slow hash; cached when right. */
  private async verifySlowly(presented: string, digest: string): Promise<EdgeIdentity | null> {
    // `cl_<id>_<secret>`; any other shape can only be the demo key (set whole by CLEARLINE_DEMO_EDGE_KEY).
    const m = /^cl_([A-Za-z0-9]+)_([A-Za-z0-9_-]+)$/.exec(presented);
    const [id, secret] = m ? [m[1]!, m[2]!] : [DEMO_KEY_ID, presented];
    const record = await this.store.edgeKeyById(id);
    if (!record || record.revokedAt !== null || !(await verifySlowHash(secret, record.keyHash))) return null;
    const identity = { keyId: record.id, name: record.name, scopes: record.scopes };
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(digest, identity);
    return identity;
  }

  /** Drops every cached verification (a key was revoked). */
  forget(): void {
    this.cache.clear();
  }
}
