import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelay, type TestRelay } from '../testing/relay.ts';
import { replayValve1, type RunFigures } from './skab-replay.ts';

let relay: TestRelay;
let figures: RunFigures[];

beforeAll(async () => {
  relay = await startRelay({ highWater: 50_000 });
  figures = await replayValve1({ url: relay.url, key: await relay.edgeKey([{ plant: 'skab' }]), store: relay.store, fitRows: 400, drain: () => relay.app.host.drain() });
  console.table(figures.map((f) => ({ run: f.run, rows: f.rows, annunciated: f.annunciations, inEpisode: f.annunciationsInEpisode, shownDuring: f.shownDuringEpisode, naive: f.naiveCrossings, 'naive/annunciated': f.ratio.toFixed(1) })));
  console.log(`valve1: annunciated strictly inside the episode in ${figures.filter((f) => f.annunciationsInEpisode > 0).length}/16 runs; an annunciated alert active during it in ${figures.filter((f) => f.shownDuringEpisode > 0).length}/16`);
}, 300_000);
afterAll(async () => relay?.close());

it('replays every valve1 run completely through the relay', () => {
  expect(figures).toHaveLength(16);
  for (const f of figures) expect(f.rows, f.run).toBeGreaterThan(1000);
});

it('annunciates inside the labelled valve-closure episode in at least 14 of 16 runs', () => {
  // Known shortfall (issues 3 and 4 stay open for it): in runs 12 and 15 motor temperature leaves the
  // fit range 30–115 s before the labelled closure, so the alert is raised early and stays active
  // through the episode without a new annunciation inside it.
  for (const f of figures) expect(f.episode, f.run).not.toBeNull();
  const inside = figures.filter((f) => f.annunciationsInEpisode > 0).map((f) => f.run);
  expect(inside.length).toBeGreaterThanOrEqual(14);
});

it('annunciates at least 10× fewer times than a plain score ≥ threshold rule would notify', () => {
  for (const f of figures) expect(f.naiveCrossings, f.run).toBeGreaterThanOrEqual(10 * f.annunciations);
});
