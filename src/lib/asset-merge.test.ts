import { describe, expect, it } from 'vitest';
import type { AssetState } from '../protocol/asset.ts';
import { applyAssetState, fromAssetList, type RoomAssets } from './asset-merge.ts';

const T0 = Date.UTC(2025, 0, 1, 14);
const state = (asset: string, status: AssetState['status'], at = T0, line = 'line2'): AssetState => ({
  plant: 'demo', line, asset, status, at, by: status === 'out_of_service' ? 'olga' : null,
  reason: status === 'out_of_service' ? 'seal change' : null, until: status === 'out_of_service' ? at + 3_600_000 : null, lastDataAt: at - 60_000,
});
const statuses = (assets: RoomAssets) => Object.fromEntries(Object.entries(assets).map(([id, s]) => [id, s.status]));

describe('applyAssetState', () => {
  const cases: { name: string; before: AssetState[]; push: AssetState; after: Record<string, string> }[] = [
    { name: 'a stale asset is listed', before: [], push: state('p204', 'stale'), after: { 'line2/p204': 'stale' } },
    { name: 'an asset taken out of service is listed', before: [], push: state('p204', 'out_of_service'), after: { 'line2/p204': 'out_of_service' } },
    { name: 'fresh data ends stale', before: [state('p204', 'stale')], push: state('p204', 'fresh', T0 + 1), after: {} },
    { name: 'a return to service ends out of service', before: [state('p204', 'out_of_service')], push: state('p204', 'in_service', T0 + 1), after: {} },
    { name: 'the latest abnormal state replaces the entry', before: [state('p204', 'out_of_service')], push: state('p204', 'stale', T0 + 1), after: { 'line2/p204': 'stale' } },
    { name: 'other assets are kept', before: [state('p204', 'stale'), state('p205', 'stale')], push: state('p204', 'fresh', T0 + 1), after: { 'line2/p205': 'stale' } },
    { name: 'same asset name on another line is another asset', before: [state('p204', 'stale', T0, 'line1')], push: state('p204', 'stale'), after: { 'line1/p204': 'stale', 'line2/p204': 'stale' } },
    { name: 'arrival order wins over `at` (relay and event clocks mix)', before: [state('p204', 'stale', T0 + 5)], push: state('p204', 'fresh', T0), after: {} },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(statuses(applyAssetState(fromAssetList(c.before), c.push))).toEqual(c.after);
    });
  }

  it('returns the same object when an asset already normal returns to normal (no render)', () => {
    const before = fromAssetList([state('p205', 'stale')]);
    expect(applyAssetState(before, state('p204', 'fresh'))).toBe(before);
  });

  it('does not mutate its input', () => {
    const before = fromAssetList([state('p204', 'stale')]);
    const copy = structuredClone(before);
    applyAssetState(before, state('p204', 'fresh', T0 + 1));
    applyAssetState(before, state('p205', 'out_of_service'));
    expect(before).toEqual(copy);
  });
});

describe('fromAssetList', () => {
  it('lists only abnormal assets, by line and asset', () => {
    expect(statuses(fromAssetList([state('p204', 'stale'), state('p205', 'in_service'), state('p206', 'out_of_service', T0, 'line1')])))
      .toEqual({ 'line2/p204': 'stale', 'line1/p206': 'out_of_service' });
  });
});
