import { expect, it } from 'vitest';
import { SnapshotWindow } from './snapshot-window.ts';

it('is closed until opened, open for its time, and a second loss extends it', () => {
  const w = new SnapshotWindow();
  expect(w.isOpen(0)).toBe(false);
  w.open(1000, 60_000);
  expect([w.isOpen(1000), w.isOpen(60_999), w.isOpen(61_000)]).toEqual([true, true, false]);
  w.open(30_000, 60_000);
  expect(w.isOpen(89_999)).toBe(true);
  w.open(40_000, 1000); // a shorter, later window never shortens the open one
  expect(w.isOpen(89_999)).toBe(true);
});
