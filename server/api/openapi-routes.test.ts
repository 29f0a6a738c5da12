import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startRelay();
});
afterAll(() => relay.close());

describe('API documentation', () => {
  it('serves an OpenAPI document generated from the route declarations, covering every declared route', async () => {
    const res = await fetch(`${relay.url}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.0.3');
    const load = doc.paths['/api/v1/kpi/alarm-load'].get;
    expect(load.parameters.map((p: { name: string }) => p.name)).toEqual(['plant', 'line', 'from', 'to']);
    expect(load.parameters[0]).toMatchObject({ required: true, in: 'query' });
    expect(load.description).toMatch(/supervisor role or higher/);
    expect(load.responses['200'].content['application/json'].schema.properties).toHaveProperty('per10Min');
    expect(doc.paths['/api/v1/policy'].put.requestBody.content['application/json'].schema.properties).toHaveProperty('plants');
    expect(doc.paths['/api/v1/alerts/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(doc.paths['/api/v1/labels'].get.responses['200'].content).toHaveProperty('application/x-ndjson');
    expect(doc.paths['/api/v1/commands'].post.description).toMatch(/operator role or higher/);
    expect(doc.paths['/api/v1/panel-session/operator'].post.description).toMatch(/panel device/);
    // every declared route is in the document, and nothing else (the docs themselves are hidden)
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)).sort();
    const declared = relay.app.routes.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`).sort();
    expect(documented).toEqual(declared);
  });

  it('lists the routes on a plain page', async () => {
    const res = await fetch(`${relay.url}/api/docs`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/v1/kpi/alarm-load');
    expect(html).toContain('openapi.json');
  });
});
