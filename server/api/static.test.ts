import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';

const dist = mkdtempSync(join(tmpdir(), 'clearline-dist-'));
let relay: TestRelay;
beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dist, 'assets', 'app.js'), `console.log(${JSON.stringify('x'.repeat(50_000))});`);
  relay = await startRelay({ staticDir: dist });
});
afterAll(async () => {
  await relay.close();
  rmSync(dist, { recursive: true, force: true });
});

/** Raw HTTP, so the answer's own encoding and length are seen (fetch would decompress). */
function raw(path: string): Promise<{ status: number; encoding?: string; type?: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(`${relay.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (b: Buffer) => (bytes += b.length));
      res.on('end', () => resolve({ status: res.statusCode!, encoding: res.headers['content-encoding'], type: res.headers['content-type'], bytes }));
    }).on('error', reject).end();
  });
}

it('serves the app compressed, client-side routes as index.html, and a missing asset as 404', async () => {
  const js = await raw('/assets/app.js');
  expect(js).toMatchObject({ status: 200, encoding: 'gzip' });
  expect(js.bytes).toBeLessThan(5_000);
  expect((await raw('/panel/p1/l1')).type).toMatch(/text\/html/);
  const missing = await raw('/assets/old-chunk.js');
  expect(missing.status).toBe(404);
  expect(missing.type).toMatch(/json/);
});
