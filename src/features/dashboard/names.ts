import type { Catalogue } from '../../protocol/catalogue.ts';
import { assetName, humanize, labelTitle } from '../../lib/catalogue.ts';
import { isolate } from '../../lib/format.ts';

/**
 * An alarm key `plant/line/asset/model/label` as people read it: "Pump P-101 · Bearing wear" (each
 * name isolated, so a right-to-left one cannot swap the two around).
 */
export function keyName(key: string, cat: Catalogue | undefined): string {
  const [, , asset, , label] = key.split('/');
  if (!asset) return key;
  return `${isolate(assetName(cat, asset))} · ${isolate(labelTitle(cat, label ?? 'anomaly'))}`;
}

/** The line part of a key, for plant-wide views. */
export const keyLine = (key: string) => key.split('/')[1] ?? '';

const REASONS: Record<string, string> = {
  chattering: 'Chattering',
  flood: 'Flood (in digest)',
  shelved: 'Shelved by a person',
  out_of_service: 'Asset out of service',
  demoted: 'Demoted (often false)',
  suppressed_by_design: 'Suppressed by design',
};
export const reasonName = (r: string | null) => (r ? (REASONS[r] ?? humanize(r)) : '—');

const KINDS: Record<string, string> = {
  suppressed: 'Held back', released: 'Released', shelved: 'Shelved', unshelved: 'Unshelved',
  out_of_service: 'Out of service', returned_to_service: 'Back in service',
};
export const kindName = (k: string) => KINDS[k] ?? humanize(k);
