// Shared by the bad-input files (bad-input-*.test.ts), which attack every way into the relay that
// server/ingest/bad-input.test.ts does not already cover. The contract they all check: every answer is a
// clear refusal (4xx with an `error`, or a refused ack with a reason), never a 500, a crash or a polluted
// prototype, and valid traffic still flows afterwards.
//
// Here: the relay each file attacks, the hostile building blocks (keys, strings, mutated bodies,
// prototype-pollution texts), the checks every file ends with, and the `bad inputs tried: N (file)`
// line each file prints (vitest runs files in separate workers, so each counts its own).
import { basename } from 'node:path';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect } from 'vitest';
import type { IngestAck } from '../../src/protocol/inference.ts';
import { benchResult } from '../testing/results.ts';
import { ensureMosquitto } from '../testing/services.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';

export const plant = `bad${process.pid}`;

// ── the relay under attack ─────────────────────────────────────────────────────────────────────

export interface Target {
  relay: TestRelay;
  /** Session cookies of an admin and an operator, and an edge key with every plant in scope. */
  admin: string;
  operator: string;
  edgeKey: string;
}

/**
 * Starts a relay for the calling test file (with MQTT ingest when asked) and signs in; after the file,
 * reports the file's count and closes the relay. `file` is the caller's `import.meta.filename`.
 */
export function relayUnderAttack(file: string, opts: { mqtt?: boolean } = {}): Target {
  const target = {} as Target;
  beforeAll(async () => {
    if (opts.mqtt) await ensureMosquitto();
    target.relay = await startRelay(opts.mqtt ? { mqttUrl: 'mqtt://127.0.0.1:1883' } : {});
    await target.relay.addUser('ada', 'admin');
    await target.relay.addUser('olga', 'operator');
    await target.relay.addUser('fuzz-target', 'viewer');
    target.admin = await target.relay.login('ada');
    target.operator = await target.relay.login('olga');
    target.edgeKey = await target.relay.edgeKey();
  }, 60_000);
  afterAll(async () => {
    reportTried(basename(file));
    await target.relay?.close();
  });
  return target;
}

/** After the attacks: the relay still takes a valid result, answers health and knows a signed-in user. */
export async function expectStillServing({ relay, edgeKey, operator }: Target) {
  const s = io(`${relay.url}/edge`, { auth: { key: edgeKey }, transports: ['websocket'], forceNew: true });
  const ack = (await s.emitWithAck('inference', [benchResult('after-bad-input', { plant, line: 'l1', asset: 'pump-1', score: 0.3 })])) as IngestAck;
  s.close();
  expect(ack.accepted).toEqual(['after-bad-input']);
  expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${relay.url}/api/v1/session`, { headers: { cookie: operator } })).status).toBe(200);
  expectUnpolluted();
}

// ── building blocks ────────────────────────────────────────────────────────────────────────────

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];
const INJECTION = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", 'javascript:alert(1)',
  "'; drop table results; --", '${7*7}', '{{7*7}}', '../../etc/passwd', '\u0000nul', '\u202eevil', '%00%0d%0a', 'a'.repeat(5000),
];
const hostileValue = fc.oneof(fc.constantFrom(...INJECTION), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, -1, 1e308, '', [], {}));

/** A valid-looking body with one field replaced (or a hostile key added). */
export function mutate(base: Record<string, unknown>) {
  return fc.tuple(fc.constantFrom(...Object.keys(base), ...HOSTILE_KEYS), hostileValue).map(([k, v]) => {
    const body: Record<string, unknown> = { ...base };
    Object.defineProperty(body, k, { value: v, enumerable: true, configurable: true, writable: true });
    return body;
  });
}

export function pollutionTexts(base: Record<string, unknown>): string[] {
  const inner = JSON.stringify(base).slice(1, -1);
  return [
    `{"__proto__":{"polluted":"yes"}${inner ? ',' + inner : ''}}`,
    `{"constructor":{"prototype":{"polluted":"yes"}}${inner ? ',' + inner : ''}}`,
    `[{"__proto__":{"polluted":"yes"}}]`,
    `{"a":{"__proto__":{"polluted":"yes"}},"b":[{"constructor":{"prototype":{"polluted":"yes"}}}]}`,
  ];
}

export function expectUnpolluted() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
}

// ── `bad inputs tried: N` ──────────────────────────────────────────────────────────────────────

let tried = 0;

/** Counts bad inputs sent by the current file. */
export function countTried(n = 1) {
  tried += n;
}

/** Prints this file's count; the closing note adds the files up. */
function reportTried(file: string) {
  console.log(`bad inputs tried: ${tried} (${file})`);
  tried = 0; // in case the worker runs another file with this module still loaded
}
