import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { StartRefusal } from './integrity.ts';

/**
 * The audit anchor: an append-only file of JSON lines outside the database, each recording the audit
 * chain's head (seq, hash) at a moment, signed (HMAC-SHA256) with a key the database never holds, and
 * linked to the line before it by that line's signature. `restore` lines record an accepted restore
 * from a backup: anchored entries after its seq belong to a history the restore replaced.
 */
export interface AnchorLine {
  v: 1;
  kind: 'head' | 'restore';
  seq: number;
  hash: string;
  /** When it was anchored (epoch ms). */
  at: number;
  /** `mac` of the previous line ('' for the first). */
  prev: string;
  mac: string;
}

export const anchorLogFile = (dataDir: string) => join(dataDir, 'audit-anchor.log');
export const anchorKeyFile = (dataDir: string) => join(dataDir, 'audit-anchor.key');

/** The signature of a line: over every field but itself. */
export function anchorMac(key: Buffer, l: Omit<AnchorLine, 'mac'>): string {
  return createHmac('sha256', key).update(JSON.stringify([l.v, l.kind, l.seq, l.hash, l.at, l.prev])).digest('hex');
}

/** Whether `l` carries a signature made with `key` over its own fields. */
export function signedBy(key: Buffer, l: AnchorLine): boolean {
  const want = Buffer.from(anchorMac(key, l), 'hex');
  const got = Buffer.from(typeof l.mac === 'string' && /^[0-9a-f]{64}$/.test(l.mac) ? l.mac : '', 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Parses one line; null when it is not an anchor line at all. */
export function parseAnchorLine(text: string): AnchorLine | null {
  let l: Partial<AnchorLine>;
  try {
    l = JSON.parse(text);
  } catch {
    return null;
  }
  const ok = l && l.v === 1 && (l.kind === 'head' || l.kind === 'restore') && Number.isSafeInteger(l.seq) && l.seq! >= 0
    && typeof l.hash === 'string' && Number.isFinite(l.at) && typeof l.prev === 'string' && typeof l.mac === 'string';
  return ok ? (l as AnchorLine) : null;
}

/**
 * The anchor key: `AUDIT_ANCHOR_KEY`, else the key file in the data folder. The relay creates the file
 * (0600) on its first run (`create`); it refuses to make a new one while an anchor log signed with the
 * old one exists. `audit:verify` never creates one.
 */
export function loadAnchorKey(dataDir: string, envKey: string | undefined, opts: { create: boolean }): Buffer | null {
  if (envKey) return Buffer.from(envKey, 'utf8');
  const file = anchorKeyFile(dataDir);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 32) throw new StartRefusal('audit_anchor', `the audit anchor key file ${file} holds no usable key (under 32 characters)`);
    return Buffer.from(key, 'utf8');
  }
  if (!opts.create) return null;
  if (existsSync(anchorLogFile(dataDir))) {
    throw new StartRefusal('audit_anchor', `the audit anchor key ${file} is missing but the anchor log ${anchorLogFile(dataDir)} exists: ` +
      'put the key back (or set AUDIT_ANCHOR_KEY to it); a new key would make every anchored line unverifiable.');
  }
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}

/** Every line of the log in order (streamed: the log grows by at most a line per anchoring interval). */
export async function* readAnchorLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim()) yield { n, text };
  }
}

/** The appending end of the anchor log, held by the relay. */
export class AnchorLog {
  readonly file: string;
  private readonly key: Buffer;
  private prev: string;
  /** The last (seq, hash) anchored, or null before the first line. */
  last: { seq: number; hash: string } | null;

  private constructor(file: string, key: Buffer, last: AnchorLine | null) {
    this.file = file;
    this.key = key;
    this.prev = last?.mac ?? '';
    this.last = last && { seq: last.seq, hash: last.hash };
  }

  /**
   * Opens the log for appending. A last line cut short (the relay died while writing it) is removed;
   * a last line not signed with this key refuses the start (the key was changed or the line forged).
   */
  static async open(file: string, key: Buffer): Promise<AnchorLog> {
    const h = await open(file, 'a+', 0o600);
    try {
      const { size } = await h.stat();
      const from = Math.max(0, size - 65_536);
      const buf = Buffer.alloc(size - from);
      await h.read(buf, 0, buf.length, from);
      let tail = buf.toString('utf8');
      if (tail.length && !tail.endsWith('\n')) {
        const keep = tail.lastIndexOf('\n') + 1;
        await h.truncate(from + Buffer.byteLength(tail.slice(0, keep)));
        tail = tail.slice(0, keep);
      }
      const text = tail.trimEnd().split('\n').at(-1) ?? '';
      if (!text) return new AnchorLog(file, key, null);
      const last = parseAnchorLine(text);
      if (!last || !signedBy(key, last)) {
        throw new StartRefusal('audit_anchor', `the last line of the audit anchor log ${file} is not signed with the current anchor key ` +
          '(AUDIT_ANCHOR_KEY or audit-anchor.key changed, or the line was forged); run `npm run audit:verify` to see what does not match.');
      }
      return new AnchorLog(file, key, last);
    } finally {
      await h.close();
    }
  }

  /** Appends one signed line and makes it durable before returning. */
  async append(kind: AnchorLine['kind'], head: { seq: number; hash: string }, at: number): Promise<void> {
    const body = { v: 1 as const, kind, seq: head.seq, hash: head.hash, at, prev: this.prev };
    const line: AnchorLine = { ...body, mac: anchorMac(this.key, body) };
    const h = await open(this.file, 'a', 0o600);
    try {
      await h.write(`${JSON.stringify(line)}\n`);
      await h.sync();
    } finally {
      await h.close();
    }
    this.prev = line.mac;
    this.last = { seq: head.seq, hash: head.hash };
  }
}
