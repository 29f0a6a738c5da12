// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { OperatorKeypad } from './operator-keypad.tsx';
import { formatLeft } from './operator-status.tsx';
import { sessionKey } from '../../lib/session.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const me = { username: 'operator', displayName: 'A. Rossi', role: 'operator', scopes: [{ plant: 'demo', line: 'line1' }],
  panel: { id: 'p1', name: 'Panel line1', plant: 'demo', line: 'line1', operatorUntil: Date.now() + 300_000 } };

function setup(answers: { status: number; body: unknown }[]) {
  const fetch = vi.fn(async () => {
    const a = answers.shift()!;
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  const qc = new QueryClient();
  const onClose = vi.fn();
  render(<QueryClientProvider client={qc}><OperatorKeypad onClose={onClose} /></QueryClientProvider>);
  const tap = (digits: string) => [...digits].forEach((d) => fireEvent.click(screen.getByRole('button', { name: d })));
  return { fetch, qc, onClose, tap, display: () => screen.getByTestId('keypad-display').textContent, next: () => fireEvent.click(screen.getByTestId('keypad-next')) };
}

describe('OperatorKeypad', () => {
  it('takes the badge, then the PIN (hidden), by touch, and signs the operator in', async () => {
    const k = setup([{ status: 200, body: me }]);
    expect((screen.getByTestId('keypad-next') as HTMLButtonElement).disabled).toBe(true);
    k.tap('4471');
    expect(k.display()).toContain('4471');
    k.next();
    expect(screen.getByText(/PIN for badge 4471/)).toBeTruthy();
    k.tap('25');
    fireEvent.click(screen.getByRole('button', { name: 'Delete last digit' }));
    k.tap('580');
    expect(k.display()).toContain('●●●●');
    expect(k.display()).not.toContain('2580');
    k.next();
    await waitFor(() => expect(k.onClose).toHaveBeenCalled());
    const [url, init] = k.fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/panel-session/operator');
    expect(JSON.parse(init.body as string)).toEqual({ badge: '4471', pin: '2580' });
    expect(k.qc.getQueryData(sessionKey)).toMatchObject({ role: 'operator', displayName: 'A. Rossi' });
  });

  it('a wrong badge or PIN goes back to the badge, kept, and says so without saying which', async () => {
    const k = setup([{ status: 401, body: { error: 'unauthorized: badge or PIN not recognised', code: 'wrong_credentials' } }]);
    k.tap('4471');
    k.next();
    k.tap('9999');
    k.next();
    await waitFor(() => expect(screen.getByTestId('keypad-message').textContent).toMatch(/Badge or PIN not recognised/));
    expect(screen.getByText(/your badge number/)).toBeTruthy();
    expect(k.display()).toContain('4471');
    expect(k.onClose).not.toHaveBeenCalled();
  });

  it('says when the person may not act on this line, or has tried too often', async () => {
    const k = setup([
      { status: 403, body: { error: 'forbidden: M. Keller may not act on demo/line1', code: 'forbidden' } },
      { status: 429, body: { error: 'too many failed attempts: try again in 240 s', code: 'rate_limited' } },
    ]);
    k.tap('1234');
    k.next();
    k.tap('1111');
    k.next();
    await waitFor(() => expect(screen.getByTestId('keypad-message').textContent).toBe('Not allowed here: M. Keller may not act on demo/line1.'));
    k.tap('1111');
    k.next();
    await waitFor(() => expect(screen.getByTestId('keypad-message').textContent).toBe('Too many wrong tries: try again in 240 s.'));
  });

  it('shows the idle time left as m:ss', () => {
    expect(formatLeft(299_400)).toBe('4:59');
    expect(formatLeft(61_000)).toBe('1:01');
    expect(formatLeft(-5)).toBe('0:00');
  });
});
