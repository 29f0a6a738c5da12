// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AlertActions } from './alert-actions.tsx';
import { bridgeFor } from '../../lib/socket.ts';
import { roomKey, type RoomState } from '../../lib/room.ts';
import { makeAlert } from '../../lib/testing/alert-fixture.ts';
import type { Me } from '../../protocol/session.ts';

afterEach(cleanup);

const me = (role: Me['role']): Me => ({ username: 'op', displayName: 'A. Rossi', role, scopes: [{ plant: 'demo' }] });

function setup(role: Me['role'], answer: () => Promise<unknown>, onIdentify?: () => void) {
  const qc = new QueryClient();
  const alert = makeAlert();
  const room: RoomState = { plant: 'demo', line: 'line2', seq: 1, alerts: { [alert.id]: alert }, consoles: [] };
  qc.setQueryData(roomKey('demo', 'line2'), room);
  const send = vi.spyOn(bridgeFor(qc), 'send').mockImplementation(answer as never);
  render(<QueryClientProvider client={qc}><AlertActions alert={alert} me={me(role)} title="t" onIdentify={onIdentify} /></QueryClientProvider>);
  return { qc, send, current: () => qc.getQueryData<RoomState>(roomKey('demo', 'line2'))!.alerts[alert.id]! };
}

describe('AlertActions', () => {
  it('a viewer gets no buttons', () => {
    setup('viewer', async () => ({ status: 'done' }));
    expect(screen.queryByTestId('acknowledge')).toBeNull();
    expect(screen.getByText(/View only/)).toBeTruthy();
  });

  it('on a panel nobody has identified on, one large button opens the keypad instead of failing', () => {
    const onIdentify = vi.fn();
    const { send } = setup('viewer', async () => ({ status: 'done' }), onIdentify);
    expect(screen.queryByTestId('answer-false_alarm')).toBeNull();
    fireEvent.click(screen.getByTestId('identify-to-answer'));
    expect(onIdentify).toHaveBeenCalledOnce();
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByTestId('identify-to-answer').textContent).toContain('Identify to answer');
  });

  it('acknowledging shows at once, then done', async () => {
    let resolve!: (v: unknown) => void;
    const { send, current } = setup('operator', () => new Promise((r) => (resolve = r)));
    fireEvent.click(screen.getByTestId('acknowledge'));
    await waitFor(() => expect(send).toHaveBeenCalled());
    expect(send.mock.calls[0]![0]).toMatchObject({ type: 'acknowledge', alertId: 'a-1' });
    expect(send.mock.calls[0]![0].commandId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(current().state).toBe('acknowledged'));
    expect(screen.getByTestId('command-status').textContent).toMatch(/sending/);
    resolve({ status: 'done' });
    await waitFor(() => expect(screen.getByTestId('command-status').textContent).toMatch(/done/));
  });

  it('a refusal puts the alert back and says why', async () => {
    const { current } = setup('operator', async () => ({ status: 'refused', code: 'forbidden', reason: 'forbidden: outside your scope' }));
    fireEvent.click(screen.getByTestId('acknowledge'));
    await waitFor(() => expect(screen.getByTestId('command-status').textContent).toMatch(/refused: forbidden/));
    expect(current().state).toBe('unacknowledged');
  });

  it('an answer is one touch; each reason chip sends it again with the reasons', async () => {
    const { send } = setup('operator', async () => ({ status: 'done' }));
    fireEvent.click(screen.getByTestId('answer-false_alarm'));
    fireEvent.click(screen.getByRole('button', { name: 'Sensor fault' }));
    fireEvent.click(screen.getByRole('button', { name: 'Planned work' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sensor fault' }));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(4));
    expect(send.mock.calls.map((c) => [c[0].type === 'feedback' && c[0].answer, c[0].type === 'feedback' && c[0].reasons])).toEqual([
      ['false_alarm', []], ['false_alarm', ['sensor_fault']], ['false_alarm', ['sensor_fault', 'planned_work']], ['false_alarm', ['planned_work']],
    ]);
    expect(new Set(send.mock.calls.map((c) => c[0].commandId)).size).toBe(4);
  });

  it('offline, the command is queued and says so', async () => {
    setup('operator', async () => ({ status: 'queued' }));
    fireEvent.click(screen.getByTestId('answer-real'));
    await waitFor(() => expect(screen.getByTestId('command-status').textContent).toMatch(/queued/));
    expect(screen.getByTestId('feedback-detail')).toBeTruthy();
  });
});
