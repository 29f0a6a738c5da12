import { describe, expect, it } from 'vitest';
import { floodDigest, panelItems } from './order.ts';
import { makeAlert } from '../../lib/testing/alert-fixture.ts';

describe('panelItems', () => {
  it('orders by state, then priority, then newest', () => {
    const items = panelItems([
      makeAlert({ id: 'ack-crit', state: 'acknowledged', acknowledged: true, priority: 'critical' }),
      makeAlert({ id: 'unack-low', priority: 'low' }),
      makeAlert({ id: 'unack-high-old', priority: 'high', annunciatedAt: 1 }),
      makeAlert({ id: 'unack-high-new', priority: 'high', annunciatedAt: 2 }),
      makeAlert({ id: 'rtn', state: 'returned_unacknowledged', active: false, priority: 'critical' }),
    ]);
    expect(items.map((i) => i.alert.id)).toEqual(['unack-high-new', 'unack-high-old', 'unack-low', 'ack-crit', 'rtn']);
  });

  it('hides shelved, out-of-service, by-design, flood-held and ended alerts; keeps chattering and demoted', () => {
    const items = panelItems([
      makeAlert({ id: 'shelved', state: 'shelved', suppression: 'shelved' }),
      makeAlert({ id: 'oos', state: 'out_of_service', suppression: 'out_of_service' }),
      makeAlert({ id: 'design', state: 'suppressed_by_design', suppression: 'suppressed_by_design' }),
      makeAlert({ id: 'flood', priority: 'low', suppression: 'flood' }),
      makeAlert({ id: 'ended', state: 'normal', active: false }),
      makeAlert({ id: 'chatter', suppression: 'chattering', chattering: true }),
      makeAlert({ id: 'demoted', suppression: 'demoted' }),
    ]);
    expect(items.map((i) => i.alert.id).sort()).toEqual(['chatter', 'demoted']);
  });

  it('folds a group into its most important alert with a counter', () => {
    const items = panelItems([
      makeAlert({ id: 'g1', groupId: 'g', priority: 'low' }),
      makeAlert({ id: 'g2', groupId: 'g', priority: 'high' }),
      makeAlert({ id: 'g3', groupId: 'g', priority: 'medium' }),
      makeAlert({ id: 'solo', priority: 'medium' }),
    ]);
    expect(items.map((i) => [i.alert.id, i.grouped])).toEqual([['g2', 2], ['solo', 0]]);
  });
});

describe('floodDigest', () => {
  const console = (inFlood: boolean, digest: string[] = []) => ({ plant: 'demo', line: 'line2', inFlood, annunciatedLast10Min: 12, digest });
  it('is null when the console is not in flood', () => {
    expect(floodDigest([console(false)], 'line2', [])).toBeNull();
  });
  it('counts held-back alerts or the digest, whichever is larger', () => {
    const held = [makeAlert({ id: 'f1', suppression: 'flood' }), makeAlert({ id: 'f2', suppression: 'flood' })];
    expect(floodDigest([console(true, ['f1'])], 'line2', held)).toEqual({ line: 'line2', count: 2 });
    expect(floodDigest([console(true, ['a', 'b', 'c'])], 'line2', held)).toEqual({ line: 'line2', count: 3 });
  });
});
