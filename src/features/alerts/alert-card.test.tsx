// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { AlertCard } from './alert-card.tsx';
import { makeAlert } from '../../lib/testing/alert-fixture.ts';
import type { Catalogue } from '../../protocol/catalogue.ts';

const catalogue: Catalogue = {
  plant: 'demo',
  features: [
    { feature: 'flow', displayName: 'Flow', unit: 'l/min', normalLow: 31, normalHigh: 35 },
    { feature: 'pressure', displayName: 'Pressure', unit: 'bar', normalLow: 1.2, normalHigh: 1.6 },
    { feature: 'current', displayName: 'Current', unit: 'A' },
  ],
  assets: { p204: 'Pump P-204' }, lines: { line2: 'Line 2' },
  labels: { valve_closure: 'Valve closure suspected' }, actions: { valve_closure: 'Check valve V-12.' },
};

afterEach(cleanup);

describe('AlertCard', () => {
  it('answers what, where, how sure and why without a click', () => {
    const alert = makeAlert();
    render(<AlertCard alert={alert} catalogue={catalogue} now={alert.raisedAt + 84_000} />);
    const card = screen.getByTestId('alert-card');
    expect(card.dataset.alertId).toBe('a-1');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Valve closure suspected — Pump P-204');
    expect(card.textContent).toContain('HIGH');
    expect(card.querySelector('[data-priority=high][data-flashing]')).not.toBeNull();
    expect(card.textContent).toMatch(/score 0\.93 \/ threshold 0\.8/);
    expect(card.textContent).toContain('valve-watch 1.4.2');
    expect(card.textContent).toContain('212 results');
    expect(card.textContent).toContain('(84 s)');
    expect(card.textContent).toContain('confirmed 9 of 11 times');
    expect(card.textContent).toContain('Check valve V-12.');
    expect(screen.getByTestId('alert-sentence').textContent).toBe('“Flow 18 l/min is 13 l/min below normal (31–35); Pressure 1.9 bar above normal.”');
    const rows = within(screen.getByTestId('why-bars')).getAllByTestId('why-row');
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['Flow', 'Pressure', 'Current']);
    expect(rows[0]!.textContent).toContain('−0.41');
    expect(rows[0]!.querySelector('.uppercase')?.textContent).toBe('low');
  });

  it('does not flash once acknowledged, and says when operators often call it false', () => {
    const alert = makeAlert({
      state: 'acknowledged', acknowledged: true, priority: 'low',
      trust: { confirmed: 2, falseAlarm: 10, unsure: 0, precision: 2 / 12, demoted: true, reviewSuggested: true },
    });
    render(<AlertCard alert={alert} catalogue={catalogue} now={alert.raisedAt} />);
    expect(screen.getByTestId('alert-card').querySelector('[data-flashing]')).toBeNull();
    expect(screen.getByTestId('alert-meta').textContent).toContain('often false: 2 of 12 confirmed');
  });
});
