import { randomBytes, scrypt, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto';
import { HashGate } from './hash-gate.ts';

// scrypt with N=2^15: ~50–100 ms per hash on the target machines; slow enough against offline guessing.
const PARAMS: ScryptOptions = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/** Default bounds on slow hashes: at most this many at once, and this many waiting for a turn. */
export const SLOW_HASH_DEFAULTS = { concurrency: 2, queue: 32 };
// Process-wide: every slow hash in this relay shares the CPU it bounds.
let gate = new HashGate(SLOW_HASH_DEFAULTS.concurrency, SLOW_HASH_DEFAULTS.queue);

/** Sets how many slow hashes run at once and how many checks may wait (SLOW_HASH_CONCURRENCY, SLOW_HASH_QUEUE). */
export function boundSlowHashes(bounds: { concurrency: number; queue: number }): void {
  gate = new HashGate(bounds.concurrency, bounds.queue);
}

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEYLEN, PARAMS, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Slow, salted hash of a password, PIN or edge-key secret, as `scrypt$salt$hash` (base64url). Waits its turn. */
export async function slowHash(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await gate.run(() => scryptAsync(secret, salt), { wait: true });
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Checks a secret against a `slowHash` result in constant time. Throws BusyError (hash-gate.ts)
 * when too many checks are already waiting: the caller answers "busy, retry".
 */
export async function verifySlowHash(secret: string, stored: string): Promise<boolean> {
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const key = await gate.run(() => scryptAsync(secret, Buffer.from(salt, 'base64url')));
  const expected = Buffer.from(hash, 'base64url');
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** Fast digest for high-entropy tokens (session ids), which need no slow hash. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A random, URL-safe secret. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
