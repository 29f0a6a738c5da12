import type { Alert } from '../../protocol/alert.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';
import { assetName, labelTitle } from '../../lib/catalogue.ts';

/** "Valve closure suspected — Pump P-204": the label's plain title and the asset's display name. */
export function alertTitle(a: Alert, cat: Catalogue | undefined): { what: string; where: string } {
  return { what: labelTitle(cat, a.label), where: assetName(cat, a.asset) };
}
