import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../src/protocol/audit.ts';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import { demoCatalogue } from '../sim/demo-catalogue.ts';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { call, episode, get, publish, T0 } from './route-testing.ts';

let relay: TestRelay;
let engineer: string;
let sup: string;
let scopedEngineer: string;
const catalogue = () => structuredClone(Catalogue.parse({ ...demoCatalogue, plant: 'p1' }));

beforeAll(async () => {
  relay = await startRelay();
  await relay.addUser('eng', 'engineer');
  await relay.addUser('sue', 'supervisor');
  await relay.addUser('pia', 'engineer', [{ plant: 'p1' }]);
  await relay.addUser('lia', 'engineer', [{ plant: 'p1', line: 'l1' }]);
  [engineer, sup, scopedEngineer] = await Promise.all([relay.login('eng'), relay.login('sue'), relay.login('pia')]);
});
afterAll(() => relay.close());

describe('feature catalogue', () => {
  it('imports a catalogue, exports it again, tells the plant’s panels, and audits what changed', async () => {
    const browser = relay.browser(sup);
    await browser.emitWithAck('subscribe', { plant: 'p1', line: 'l1' });
    const told = new Promise<unknown>((ok, fail) => {
      browser.on('catalogue:changed' as never, ok as never);
      setTimeout(() => fail(new Error('no catalogue:changed within 5 s')), 5000);
    });
    const c = catalogue();
    const put = await call(relay, engineer, 'PUT', '/api/v1/catalogue/p1', c);
    expect(put.status).toBe(200);
    expect(await told).toMatchObject({ plant: 'p1' });
    expect((await get(relay, sup, '/api/v1/catalogue/p1')).json).toEqual(c);
    expect((await get(relay, sup, '/api/v1/catalogues')).json).toEqual(['p1']);

    const renamed = { ...c, assets: { ...c.assets, p101: 'Feed pump P-101' } };
    renamed.features[0] = { ...renamed.features[0]!, displayName: 'Vibration (axial)' };
    expect((await call(relay, scopedEngineer, 'PUT', '/api/v1/catalogue/p1', renamed)).status).toBe(200);
    const audit = AuditPage.parse((await get(relay, engineer, '/api/v1/audit?action=catalogue.update')).json);
    expect(audit.entries[0]).toMatchObject({ actor: 'pia', target: 'p1' });
    expect(audit.entries[0]!.detail.changed).toEqual([`features.${c.features[0]!.feature}.displayName`, 'assets.p101']);
    expect(audit.entries[1]!.detail).toMatchObject({ created: true });
  });

  it('refuses invalid catalogues naming each field, a plant mismatch, and people without the right', async () => {
    const bad = await call(relay, engineer, 'PUT', '/api/v1/catalogue/p1', { ...catalogue(), features: [{ feature: 'x', displayName: '', unit: 'a-very-long-unit-name' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: { path: string }) => f.path)).toEqual(['features.0.displayName', 'features.0.unit']);
    expect(bad.json.error).toMatch(/features\.0\.displayName/);
    expect((await call(relay, engineer, 'PUT', '/api/v1/catalogue/p1', { ...catalogue(), plant: 'p2' })).json.error).toMatch(/plant: must be p1/);
    expect((await call(relay, sup, 'PUT', '/api/v1/catalogue/p1', catalogue())).status).toBe(403);
    expect((await call(relay, await relay.login('lia'), 'PUT', '/api/v1/catalogue/p1', catalogue())).status).toBe(403);
    expect((await call(relay, scopedEngineer, 'PUT', '/api/v1/catalogue/p2', { ...catalogue(), plant: 'p2' })).status).toBe(403);
    expect((await call(relay, null, 'PUT', '/api/v1/catalogue/p1', catalogue())).status).toBe(401);
  });
});

describe('alarm policy', () => {
  it('puts a valid book in force in the engine, audited, and keeps it across a restart', async () => {
    const book = { defaults: {}, plants: { p1: { policy: { onDelayResults: 5 }, lines: { l2: { floodEnter: 20, floodLeave: 8 } } } } };
    const res = await call(relay, engineer, 'PUT', '/api/v1/policy', book);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ updatedBy: 'eng', book: { plants: { p1: { policy: { onDelayResults: 5 } } } } });
    expect(relay.app.host).toBeDefined();
    // five results over threshold are now needed: four raise nothing
    const key = await relay.edgeKey();
    await publish(relay, key, episode('pump-1', T0, { above: 4, below: 0 }));
    expect((await get(relay, sup, '/api/v1/alerts?plant=p1')).json).toEqual([]);
    await publish(relay, key, episode('pump-1', T0 + 4000, { above: 1, below: 0, idPrefix: 'more' }));
    expect((await get(relay, sup, '/api/v1/alerts?plant=p1')).json).toHaveLength(1);
    const audit = AuditPage.parse((await get(relay, engineer, '/api/v1/audit?action=policy.update')).json);
    expect(audit.entries[0]!.detail.changed).toEqual(['plants.p1']);

    const dir = relay.dir;
    await relay.close({ keepData: true });
    relay = await startRelay({ dir });
    await relay.addUser('eng', 'engineer');
    engineer = await relay.login('eng');
    sup = await relay.login('sue');
    expect((await get(relay, engineer, '/api/v1/policy')).json).toMatchObject({ updatedBy: 'eng', book: { plants: { p1: { lines: { l2: { floodEnter: 20 } } } } } });
  });

  it('refuses a nonsense policy naming the field, and keeps the one in force', async () => {
    const res = await call(relay, engineer, 'PUT', '/api/v1/policy', { plants: { p1: { lines: { l2: { floodEnter: 5, floodLeave: 8 } } } } });
    expect(res.status).toBe(400);
    expect(res.json.fields).toContainEqual({ path: 'plants.p1.lines.l2.floodLeave', message: expect.stringMatching(/below floodEnter/) });
    expect(res.json.error).toMatch(/plants\.p1\.lines\.l2\.floodLeave/);
    const typo = await call(relay, engineer, 'PUT', '/api/v1/policy', { defaults: { offDelayMs: 'ten seconds' } });
    expect(typo.json.fields[0].path).toBe('defaults.offDelayMs');
    const unknown = await call(relay, engineer, 'PUT', '/api/v1/policy', { defaults: { floodEnterr: 3 } });
    expect(unknown.json.error).toMatch(/floodEnterr/);
    expect((await get(relay, engineer, '/api/v1/policy')).json.book.plants.p1.policy.onDelayResults).toBe(5);
  });

  it('lets a plant engineer change only their plant’s part, and refuses supervisors', async () => {
    const pia = await relay.login('pia');
    expect((await call(relay, pia, 'PUT', '/api/v1/policy', { defaults: {} })).status).toBe(403);
    const own = await call(relay, pia, 'PUT', '/api/v1/policy/plants/p1', { policy: { chatterRaises: 4 } });
    expect(own.status).toBe(200);
    expect(own.json.book.plants.p1).toEqual({ policy: { chatterRaises: 4 }, lines: {}, models: {} });
    expect((await call(relay, pia, 'PUT', '/api/v1/policy/plants/p2', { policy: {} })).status).toBe(403);
    const bad = await call(relay, pia, 'PUT', '/api/v1/policy/plants/p1', { policy: { chatterRaises: 1 } });
    expect(bad.json.fields[0].path).toBe('policy.chatterRaises');
    expect((await get(relay, sup, '/api/v1/policy')).status).toBe(403);
    expect((await call(relay, sup, 'PUT', '/api/v1/policy/plants/p1', { policy: {} })).status).toBe(403);
  });

  it('shows engineers only the overrides of plants and lines in their scope', async () => {
    const current = (await get(relay, engineer, '/api/v1/policy')).json.book;
    const book = { ...current, plants: { ...current.plants, p1: { policy: { chatterRaises: 4 }, lines: { l1: { floodEnter: 30, floodLeave: 10 }, l2: { floodEnter: 20, floodLeave: 8 } } }, p2: { policy: { onDelayResults: 7 } } } };
    expect((await call(relay, engineer, 'PUT', '/api/v1/policy', book)).status).toBe(200);
    expect(Object.keys((await get(relay, engineer, '/api/v1/policy')).json.book.plants).sort()).toEqual(['p1', 'p2']);

    const pia = await relay.login('pia');
    const plantWide = (await get(relay, pia, '/api/v1/policy')).json.book;
    expect(Object.keys(plantWide.plants)).toEqual(['p1']);
    expect(Object.keys(plantWide.plants.p1.lines).sort()).toEqual(['l1', 'l2']);
    expect(plantWide.defaults).toEqual(book.defaults); // the defaults reach every plant, theirs too
    const own = await call(relay, pia, 'PUT', '/api/v1/policy/plants/p1', book.plants.p1);
    expect(own.status).toBe(200);
    expect(Object.keys(own.json.book.plants)).toEqual(['p1']);

    const lia = await relay.login('lia');
    const lineOnly = (await get(relay, lia, '/api/v1/policy')).json.book;
    expect(Object.keys(lineOnly.plants)).toEqual(['p1']);
    expect(lineOnly.plants.p1).toMatchObject({ policy: { chatterRaises: 4 }, lines: { l1: { floodEnter: 30 } } });
    expect(Object.keys(lineOnly.plants.p1.lines)).toEqual(['l1']);
    expect(JSON.stringify(lineOnly)).not.toContain('onDelayResults":7');
  });
});
