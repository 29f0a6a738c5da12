import type { AssetState } from '../protocol/asset.ts';

/**
 * What a browser knows of a room's assets apart from their alerts: the ones out of service or stale
 * right now, by `line/asset`. An asset in service and fresh is not listed (as on the relay).
 */
export type RoomAssets = Record<string, AssetState>;

/** The key of an asset within its plant. */
export function assetId(state: { line: string; asset: string }): string {
  return `${state.line}/${state.asset}`;
}

/** Whether a state keeps the asset listed: out of service or stale; `in_service` and `fresh` end it. */
export function isAbnormal(state: AssetState): boolean {
  return state.status === 'out_of_service' || state.status === 'stale';
}

/** A room's assets from a subscribe answer, which lists every abnormal asset of the room. */
export function fromAssetList(states: readonly AssetState[]): RoomAssets {
  const assets: RoomAssets = {};
  for (const s of states) if (isAbnormal(s)) assets[assetId(s)] = s;
  return assets;
}

/**
 * Applies one pushed asset state in arrival order, as the relay keeps them (socket.io keeps a
 * connection's order; `at` mixes relay and event time, so it does not order them): an abnormal state
 * replaces the asset's entry, a return to normal removes it. Returns `assets` itself when nothing
 * changed, so callers can skip a render.
 */
export function applyAssetState(assets: RoomAssets, state: AssetState): RoomAssets {
  const id = assetId(state);
  if (isAbnormal(state)) return { ...assets, [id]: state };
  if (!assets[id]) return assets;
  const { [id]: _ended, ...rest } = assets;
  return rest;
}
