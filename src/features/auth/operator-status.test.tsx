// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { OperatorStatus } from './operator-status.tsx';
import { sessionKey, useSession } from '../../lib/session.ts';
import type { Me } from '../../protocol/session.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = { id: 'p1', name: 'Panel line1', plant: 'demo', line: 'line1' };
const viewer: Me = { username: 'panel:p1', displayName: 'Panel line1', role: 'viewer', scopes: [{ plant: 'demo', line: 'line1' }], panel: { ...panel, operatorUntil: null } };
const operator = (until: number): Me => ({ ...viewer, username: 'operator', displayName: 'A. Rossi', role: 'operator', panel: { ...panel, operatorUntil: until } });

function Header({ onIdentify }: { onIdentify: () => void }) {
  const { data } = useSession();
  return data ? <OperatorStatus me={data} onIdentify={onIdentify} /> : null;
}

function setup(me: Me, answers: Me[]) {
  const fetch = vi.fn(async () => new Response(answers.length ? JSON.stringify(answers.shift()) : null, { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  const qc = new QueryClient();
  qc.setQueryData(sessionKey, me);
  const onIdentify = vi.fn();
  render(<QueryClientProvider client={qc}><Header onIdentify={onIdentify} /></QueryClientProvider>);
  return { fetch, onIdentify };
}

describe('OperatorStatus', () => {
  it('offers Identify while the panel is view-only', () => {
    const { onIdentify } = setup(viewer, []);
    fireEvent.click(screen.getByTestId('identify'));
    expect(onIdentify).toHaveBeenCalled();
  });

  it('shows who is identified and the idle time left, and falls back to Identify when it runs out', async () => {
    setup(operator(Date.now() + 1500), [viewer]);
    expect(screen.getByTestId('operator').textContent).toContain('A. Rossi');
    expect(screen.getByTestId('operator-idle').textContent).toMatch(/0:0[01]$/);
    await waitFor(() => expect(screen.getByTestId('identify')).toBeTruthy(), { timeout: 4000 });
  });

  it('"Sign out operator" ends the identification and asks the relay who the panel is now', async () => {
    const { fetch } = setup(operator(Date.now() + 300_000), [viewer, viewer]);
    fireEvent.click(screen.getByTestId('operator-sign-out'));
    await waitFor(() => expect(screen.getByTestId('identify')).toBeTruthy());
    expect((fetch.mock.calls as unknown as [string, RequestInit][]).map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'DELETE /api/v1/panel-session/operator', 'GET /api/v1/session',
    ]);
  });
});
