import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';

/** `/metrics` behind `METRICS_TOKEN` (issue #11, point 16): a real relay, scraped as Prometheus would. */

const TOKEN = 'scrape-token-0123456789abcdef';
let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

const scrape = (authorization?: string) => fetch(`${relay!.url}/metrics`, { headers: authorization ? { authorization } : {} });

describe('/metrics', () => {
  it('with METRICS_TOKEN set, answers 401 without the token or with a wrong one', async () => {
    relay = await startRelay({ metricsToken: TOKEN });
    for (const auth of [undefined, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, `Bearer  ${TOKEN}`, 'Bearer ']) {
      const res = await scrape(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = await res.json();
      expect(body).toEqual({ error: 'unauthorized: /metrics needs Authorization: Bearer <METRICS_TOKEN>', code: 'unauthorized' });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
  });

  it('with METRICS_TOKEN set, serves the metrics to a scraper with the token', async () => {
    relay = await startRelay({ metricsToken: TOKEN });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/clearline_ingest_queue_depth/);
  });

  it('without METRICS_TOKEN stays open (for a network-restricted scrape)', async () => {
    relay = await startRelay();
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/clearline_ingest_queue_depth/);
  });

  it('METRICS_TOKEN must be long enough and fit in a header', () => {
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be 16–200 printable characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in the middle' })).toThrow(/METRICS_TOKEN/);
  });
});
