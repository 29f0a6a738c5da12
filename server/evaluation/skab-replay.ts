import type { AlertChange } from '../../src/protocol/alert.ts';
import { readSkabCsv } from '../sim/csv.ts';
import { EdgeClient } from '../sim/edge-client.ts';
import { replay } from '../sim/replay.ts';
import { SKAB_ANOMALY_FREE, SKAB_VALVE1_RUNS } from '../sim/skab.ts';
import type { KyselyStore } from '../store/kysely-store.ts';

/** What one replayed run showed: the labelled episode, annunciations inside it and overall, naive crossings. */
export interface RunFigures {
  run: string;
  rows: number;
  episode: { from: number; to: number } | null;
  annunciations: number;
  /** Annunciated inside the labelled episode. */
  annunciationsInEpisode: number;
  naiveCrossings: number;
  ratio: number;
}

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * Replays SKAB valve1 runs through a real relay with the reference detector and the real edge
 * client (one line per run, so runs do not share a console), then reads the figures from the store.
 */
export async function replayValve1(opts: { url: string; key: string; store: KyselyStore; runs?: number[]; fitRows?: number; drain: () => Promise<void> }): Promise<RunFigures[]> {
  const runs = opts.runs ?? SKAB_VALVE1_RUNS.map((_, i) => i);
  const fit = opts.fitRows === undefined ? readSkabCsv(SKAB_ANOMALY_FREE) : undefined;
  const client = new EdgeClient({ url: opts.url, key: opts.key, overflow: 'refuse' });
  for (const i of runs) {
    const plan = { tables: [readSkabCsv(SKAB_VALVE1_RUNS[i]!)], plant: 'skab', line: `valve1-run${i}`, asset: 'pump', model: { name: 'skab-reference', version: '1.0.0' }, fit, fitRows: opts.fitRows, speed: 0 };
    await replay(plan, client, realClock);
  }
  if (!(await client.flush(120_000))) throw new Error(`replay did not finish: ${client.lastError ?? 'unknown'}`);
  await client.close();
  await opts.drain();
  return Promise.all(runs.map((i) => figures(opts.store, `valve1-run${i}`)));
}

async function figures(store: KyselyStore, line: string): Promise<RunFigures> {
  const rows = await store.db.selectFrom('results').select(['ts', 'body']).where('plant', '=', 'skab').where('line', '=', line).orderBy('ts').execute();
  const inEpisode = rows.filter((r) => (JSON.parse(r.body) as { meta?: { truth_anomaly?: number } }).meta?.truth_anomaly === 1).map((r) => Number(r.ts));
  const episode = inEpisode.length ? { from: inEpisode[0]!, to: inEpisode[inEpisode.length - 1]! } : null;
  const changes = await store.changesAfter({ plant: 'skab', line }, 0, 100_000);
  const ann = changes.filter((c: AlertChange) => c.kind === 'annunciated');
  const crossings = await store.db.selectFrom('crossings').select((eb) => eb.fn.countAll().as('n')).where('plant', '=', 'skab').where('line', '=', line).executeTakeFirst();
  const naive = Number(crossings?.n ?? 0);
  return {
    run: line, rows: rows.length, episode, annunciations: ann.length,
    annunciationsInEpisode: episode ? ann.filter((c) => c.at >= episode.from && c.at <= episode.to).length : 0,
    naiveCrossings: naive, ratio: ann.length ? naive / ann.length : Infinity,
  };
}
