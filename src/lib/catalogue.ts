import { useQuery } from '@tanstack/react-query';
import { CatalogueView, type Catalogue, type CatalogueEntry } from '../protocol/catalogue.ts';
import { api } from './api.ts';

export const catalogueKey = (plant: string) => ['catalogue', plant] as const;

/** A plant's feature catalogue: display names, units, normal ranges, line/asset names, label titles. */
export function useCatalogue(plant: string) {
  return useQuery({
    queryKey: catalogueKey(plant),
    // Read with the lenient view: a catalogue stored before hidden characters were refused still loads.
    queryFn: ({ signal }) => api(`/api/v1/catalogue/${encodeURIComponent(plant)}`, CatalogueView, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** "valve_closure" → "Valve closure": a readable fallback for names the catalogue lacks. */
export function humanize(raw: string): string {
  const s = raw.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : raw;
}

export function lineName(cat: Catalogue | undefined, line: string): string {
  return cat?.lines[line] ?? humanize(line);
}

export function assetName(cat: Catalogue | undefined, asset: string): string {
  return cat?.assets[asset] ?? asset.toUpperCase();
}

export function labelTitle(cat: Catalogue | undefined, label: string): string {
  return cat?.labels[label] ?? humanize(label);
}

/** A feature's catalogue entry, or a stand-in with a readable name. */
export function featureInfo(cat: Catalogue | undefined, feature: string, unit?: string): CatalogueEntry {
  const hit = cat?.features.find((f) => f.feature === feature);
  return hit ?? { feature, displayName: humanize(feature), unit: unit ?? '' };
}
