import { describe, expect, it } from 'vitest';
import { optimisticAlert } from './optimistic.ts';
import { makeAlert } from '../../lib/testing/alert-fixture.ts';

const id = '6f1c1c2e-2d7a-4a39-9d52-7b7f7d0c9a10';

describe('optimisticAlert', () => {
  it('acknowledging an active alert makes it acknowledged; a returned one ends', () => {
    expect(optimisticAlert(makeAlert(), { type: 'acknowledge', commandId: id, alertId: 'a-1' }, 'op', 0).state).toBe('acknowledged');
    const rtn = makeAlert({ state: 'returned_unacknowledged', active: false });
    expect(optimisticAlert(rtn, { type: 'acknowledge', commandId: id, alertId: 'a-1' }, 'op', 0).state).toBe('normal');
  });

  it('shelving puts it on a timed or one-shot shelf', () => {
    const timed = optimisticAlert(makeAlert(), { type: 'shelve', commandId: id, alertId: 'a-1', reason: 'maintenance', minutes: 30 }, 'op', 1000);
    expect(timed).toMatchObject({ state: 'shelved', suppression: 'shelved', shelf: { by: 'op', reason: 'maintenance', until: 1000 + 30 * 60_000 } });
    const oneShot = optimisticAlert(makeAlert(), { type: 'shelve', commandId: id, alertId: 'a-1', reason: 'x' }, 'op', 1000);
    expect(oneShot.shelf?.until).toBeNull();
  });

  it('an answer counts once; adding reasons later does not count again', () => {
    const a = makeAlert();
    expect(optimisticAlert(a, { type: 'feedback', commandId: id, alertId: 'a-1', answer: 'real' }, 'op', 0).trust?.confirmed).toBe(10);
    expect(optimisticAlert(a, { type: 'feedback', commandId: id, alertId: 'a-1', answer: 'false_alarm', reasons: ['sensor_fault'] }, 'op', 0)).toBe(a);
  });
});
