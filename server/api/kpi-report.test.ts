import { describe, expect, it } from 'vitest';
import type { Alert, AlertChange } from '../../src/protocol/alert.ts';
import { outOfServiceNow, shelvedNow } from './kpi-report.ts';

const snap = { resultId: 'r', ts: 0, score: 1, threshold: 0.5 };
const alert = (id: string, shelf: Alert['shelf']): Alert => ({
  id, key: `p/l/a/m/${id}`, plant: 'p', line: 'l', asset: 'a', model: { name: 'm', version: '1' }, label: 'x', priority: 'low', suggestedPriority: 'low',
  state: 'shelved', active: true, acknowledged: false, raisedAt: 0, annunciatedAt: 0, clearedAt: null, lastAt: 0, count: 1, annunciations: 1,
  suppression: 'shelved', chattering: false, groupId: null, lineEventId: null, shelf, trust: null, peak: snap, last: snap,
});
let seq = 100;
const change = (kind: AlertChange['kind'], a: Alert): AlertChange => ({ seq: seq--, kind, at: 0, by: 'u', reason: null, alert: a });

describe('shelves in force', () => {
  it('keeps timed shelves until they expire (even on ended alerts) and one-shot shelves while the alert is open', () => {
    const timed = alert('t#1', { by: 'sam', reason: 'maint', at: 10, until: 2000 });
    const oneShot = alert('o#1', { by: 'sam', reason: 'cal', at: 10, until: null });
    const spent = alert('s#1', { by: 'sam', reason: 'cal', at: 10, until: null });
    const expired = alert('e#1', { by: 'sam', reason: 'x', at: 10, until: 500 });
    const undone = alert('u#1', { by: 'sam', reason: 'x', at: 10, until: 5000 });
    const newestFirst = [change('unshelved', { ...undone, shelf: null }), change('shelved', timed), change('shelved', oneShot), change('shelved', spent), change('shelved', expired), change('shelved', undone)];
    const now = shelvedNow(newestFirst, new Set(['o#1', 'u#1']), 1000);
    expect(now.map((s) => [s.alertId, s.ended])).toEqual([['t#1', true], ['o#1', false]]);
    expect(now[0]).toMatchObject({ by: 'sam', reason: 'maint', until: 2000, plant: 'p', line: 'l', asset: 'a' });
  });
});

describe('assets out of service now', () => {
  it('takes the latest command per asset and drops ended periods', () => {
    const oos = (target: string, at: number, until: number) => ({ at, actor: 'sam', action: 'out_of_service', target, detail: { plant: 'p', line: 'l', asset: target.split('/')[2], reason: 'r', until } });
    const back = (target: string, at: number) => ({ at, actor: 'sam', action: 'return_to_service', target, detail: {} });
    const list = outOfServiceNow([oos('p/l/a', 1, 5000), oos('p/l/b', 2, 5000), back('p/l/b', 3), oos('p/l/c', 4, 900), oos('p/l/a', 5, 6000)], 1000);
    expect(list).toEqual([{ plant: 'p', line: 'l', asset: 'a', by: 'sam', reason: 'r', at: 5, until: 6000 }]);
  });
});
