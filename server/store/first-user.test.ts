// The first-run admin is created at most once even when two relays (two connections to one
// database) race: the store itself decides, not the route's check before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../testing/services.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open.ts';

const admin = (i: number) => ({ username: `admin${i}`, displayName: `Admin ${i}`, role: 'admin' as const, scopes: [{ plant: '*' }], passwordHash: 'h' });

async function race(a: KyselyStore, b: KyselyStore) {
  const created = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).createFirstUser(admin(i), 1)));
  expect(created.filter(Boolean)).toHaveLength(1);
  expect(await a.userCount()).toBe(1);
  expect(await b.createFirstUser(admin(99), 2)).toBe(false);
}

describe('createFirstUser', () => {
  it('SQLite: two connections to one file create exactly one first user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clearline-first-user-'));
    const file = join(dir, 'clearline.sqlite');
    const [a, b] = [await openStore({ sqliteFile: file }), await openStore({ sqliteFile: file })];
    try {
      await race(a, b);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: two pools on one database create exactly one first user', async () => {
    const db = await freshDatabase('first_user');
    const [a, b] = [await openStore({ sqliteFile: '', databaseUrl: db.url }), await openStore({ sqliteFile: '', databaseUrl: db.url })];
    try {
      await race(a, b);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
  });
});
