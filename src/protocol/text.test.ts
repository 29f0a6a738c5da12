import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EdgeKeyCreate, PanelCreate, UserCreate, UserPatch } from './admin.ts';
import { ResultSnapshot } from './alert.ts';
import { Catalogue, CatalogueView } from './catalogue.ts';
import { OperatorCommand } from './commands.ts';
import { describeIssues } from './common.ts';
import { InferenceResult } from './inference.ts';
import { hiddenChars, stripHidden } from './text.ts';

const MESSAGE = 'must not contain invisible or direction-control characters';
const code = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('hidden characters in names', () => {
  // Direction controls: embeddings, overrides, isolates, marks. Invisible: zero-width, word joiner, BOM,
  // soft hyphen, tag characters, Hangul filler, control characters (tab, newline, NUL).
  const HIDDEN = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
    '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u{E0041}', '\u3164', '\u0000', '\n', '\t', '\u2028'];
  it.each(HIDDEN.map((c) => [code(c), c]))('finds %s', (name, c) => {
    expect(hiddenChars(`flow${c}rate`)).toEqual([name]);
  });
  it.each(['Flow', 'ספיקה', 'تدفق', 'Débit d’eau', '流量', 'Pump P-204 (north)', '⚠ hot', 'µm', 'm³/h'])('lets %j through', (name) => {
    expect(hiddenChars(name)).toEqual([]);
  });
  it('names each distinct character once, at most five', () => {
    expect(hiddenChars('\u202Ea\u202Eb\u200Bc')).toEqual(['U+202E', 'U+200B']);
  });
});

describe('hidden characters in free text (operator reasons and notes)', () => {
  it.each([
    ['pump\u202E noisy', 'pump noisy'],
    ['zero\u200Bwidth\uFEFF', 'zerowidth'],
    ['line one\nline two\twith a tab', 'line one\nline two\twith a tab'],
    ['\u2066isolated\u2069', 'isolated'],
    ['bell\u0007', 'bell'],
  ])('strips %j to %j', (text, out) => expect(stripHidden(text)).toBe(out));
});

type Case = [string, z.ZodType, unknown, string];
const result = (over: Record<string, unknown> = {}) => ({
  id: 'r1', ts: '2026-11-25T10:00:00Z', plant: 'demo', line: 'line1', asset: 'p101', model: { name: 'pump-watch', version: '1.4.2' },
  score: 0.93, threshold: 0.8, attributions: [{ feature: 'flow', value: 18, contribution: 0.5 }], ...over,
});
const catalogue = (over: Record<string, unknown> = {}) => ({
  plant: 'demo', features: [{ feature: 'flow', displayName: 'Flow', unit: 'l/min' }], ...over,
});

describe('schemas refuse hidden characters in names, naming the field', () => {
  const cases: Case[] = [
    ['edge feature name (RTL override)', InferenceResult, result({ attributions: [{ feature: 'wolf\u202E', value: 1, contribution: 0.5 }] }), `attributions.0.feature: ${MESSAGE} (U+202E)`],
    ['edge feature name (zero-width)', InferenceResult, result({ attributions: [{ feature: 'fl\u200Bow', value: 1, contribution: 0.5 }] }), `attributions.0.feature: ${MESSAGE} (U+200B)`],
    ['edge unit', InferenceResult, result({ attributions: [{ feature: 'flow', value: 1, contribution: 0.5, unit: 'l/\u2067min' }] }), `attributions.0.unit: ${MESSAGE} (U+2067)`],
    ['model name', InferenceResult, result({ model: { name: 'pump\uFEFF', version: '1' } }), `model.name: ${MESSAGE} (U+FEFF)`],
    ['model version', InferenceResult, result({ model: { name: 'pump', version: '1\u200E' } }), `model.version: ${MESSAGE} (U+200E)`],
    ['label', InferenceResult, result({ label: 'valve\u2060closure' }), `label: ${MESSAGE} (U+2060)`],
    ['drift feature key', InferenceResult, result({ drift: { score: 0.1, features: { 'fl\u200Dow': 0.2 } } }), `drift.features: key "fl\\u200Dow" ${MESSAGE} (U+200D)`],
    ['meta key', InferenceResult, result({ meta: { 'no\u061Cte': 'x' } }), `meta: key "no\\u061Cte" ${MESSAGE} (U+061C)`],
    ['meta value', InferenceResult, result({ meta: { note: 'a\u202Db' } }), `meta.note: ${MESSAGE} (U+202D)`],
    ['result id', InferenceResult, result({ id: 'r\u200B1' }), `id: ${MESSAGE} (U+200B)`],
    ['catalogue tag', Catalogue, catalogue({ features: [{ feature: 'flow\u202E', displayName: 'Flow' }] }), `features.0.feature: ${MESSAGE} (U+202E)`],
    ['catalogue display name', Catalogue, catalogue({ features: [{ feature: 'flow', displayName: 'Fl\u200Bow' }] }), `features.0.displayName: ${MESSAGE} (U+200B)`],
    ['catalogue unit', Catalogue, catalogue({ features: [{ feature: 'flow', displayName: 'Flow', unit: '\u202Bbar' }] }), `features.0.unit: ${MESSAGE} (U+202B)`],
    ['asset name', Catalogue, catalogue({ assets: { p101: 'Pump\u2066 101' } }), `assets.p101: ${MESSAGE} (U+2066)`],
    ['line name', Catalogue, catalogue({ lines: { line1: 'Line\u200F 1' } }), `lines.line1: ${MESSAGE} (U+200F)`],
    ['label title', Catalogue, catalogue({ labels: { valve: 'Valve\u202E' } }), `labels.valve: ${MESSAGE} (U+202E)`],
    ['label key', Catalogue, catalogue({ labels: { 'val\u200Bve': 'Valve' } }), `labels: key "val\\u200Bve" ${MESSAGE} (U+200B)`],
    ['suggested action', Catalogue, catalogue({ actions: { valve: 'Check\u202E valve' } }), `actions.valve: ${MESSAGE} (U+202E)`],
    ['user display name', UserCreate, { username: 'ann', displayName: 'A\u202Enn', role: 'viewer', scopes: [{ plant: '*' }], password: 'a-long-password-1' }, `displayName: ${MESSAGE} (U+202E)`],
    ['changed display name', UserPatch, { displayName: 'A\u200Bnn' }, `displayName: ${MESSAGE} (U+200B)`],
    ['edge key name', EdgeKeyCreate, { name: 'edge\u2069', scopes: [{ plant: '*' }] }, `name: ${MESSAGE} (U+2069)`],
    ['panel name', PanelCreate, { name: 'Pan\uFEFFel', plant: 'demo', line: 'line1' }, `name: ${MESSAGE} (U+FEFF)`],
  ];
  it.each(cases)('%s', (_, schema, input, message) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toBe(message);
  });

  it('takes right-to-left and non-Latin names that carry no controls', () => {
    expect(InferenceResult.safeParse(result({ attributions: [{ feature: 'ספיקה', value: 1, contribution: 0.5, unit: 'ל/ד' }], label: 'تسرب' })).success).toBe(true);
    expect(Catalogue.safeParse(catalogue({ features: [{ feature: 'flow', displayName: '流量', unit: 'm³/h' }], assets: { p101: 'Pompe n° 101' } })).success).toBe(true);
  });
});

describe('stored data read back is not refused', () => {
  // Data stored before the rule existed must still be shown (isolated when rendered), never dropped.
  it('reads a legacy catalogue and snapshot with hidden characters', () => {
    expect(CatalogueView.safeParse(catalogue({ features: [{ feature: 'flow', displayName: 'Fl\u202Eow' }] })).success).toBe(true);
    expect(ResultSnapshot.safeParse({ resultId: 'r', ts: 1, score: 1, threshold: 0.5, attributions: [{ feature: 'wolf\u202E', value: 1, contribution: 1 }] }).success).toBe(true);
  });
});

describe('operator free text is stripped, not refused', () => {
  const id = '0b6f5a56-5b0c-4b8c-9d6e-3f1c2a7e9b10';
  it('strips hidden characters from a shelve reason and keeps lines in a note', () => {
    const shelve = OperatorCommand.parse({ type: 'shelve', commandId: id, alertId: 'a1', reason: ' planned\u202E work\u200B ' });
    expect(shelve).toMatchObject({ reason: 'planned work' });
    const fb = OperatorCommand.parse({ type: 'feedback', commandId: id, alertId: 'a1', answer: 'real', note: 'seal\u2066 leak\nsee log\uFEFF' });
    expect(fb).toMatchObject({ note: 'seal leak\nsee log' });
  });
  it('refuses a reason that is only hidden characters', () => {
    const parsed = OperatorCommand.safeParse({ type: 'out_of_service', commandId: id, plant: 'demo', line: 'l1', asset: 'p1', reason: '\u200B\u202E', until: 1 });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toBe('reason: a reason is required');
  });
});

describe('numbers', () => {
  it.each([
    ['score', result({ score: Infinity })], ['threshold', result({ threshold: NaN })], ['attributions.0.value', result({ attributions: [{ feature: 'f', value: -Infinity, contribution: 0 }] })],
  ])('refuses a non-finite %s', (path, input) => {
    const parsed = InferenceResult.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: `));
  });
  it('refuses non-finite catalogue ranges', () => {
    expect(Catalogue.safeParse(catalogue({ features: [{ feature: 'f', displayName: 'F', normalHigh: Infinity }] })).success).toBe(false);
    expect(Catalogue.safeParse(catalogue({ features: [{ feature: 'f', displayName: 'F', mean: NaN }] })).success).toBe(false);
  });
  it('takes a huge finite value (the app shows it short)', () => {
    expect(InferenceResult.safeParse(result({ attributions: [{ feature: 'f', value: 1e300, contribution: 0.5 }] })).success).toBe(true);
  });
});
