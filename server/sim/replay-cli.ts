/**
 * Replays SKAB-format CSV files through the reference detector and publishes the results to a relay
 * as a real edge would (socket.io `/edge`, via the edge client).
 *
 *   npm run replay -- FILE.csv... --plant P --line L --asset A [--fit FILE | --fit-rows N]
 *                     [--speed X] [--url URL] [--key KEY] [--model NAME@VERSION] [--connect-timeout MS]
 *
 * Exit codes: 0 done (refusals are printed, not fatal), 1 bad arguments or files,
 * 2 relay unreachable, key refused, or results left unsent.
 */
import { parseArgs } from 'node:util';
import { readSkabCsv } from './csv.ts';
import { EdgeClient } from './edge-client.ts';
import { parseModelRef, replay } from './replay.ts';
import { SKAB_ANOMALY_FREE } from './skab.ts';

const USAGE = 'usage: npm run replay -- FILE.csv... --plant P --line L --asset A [--fit FILE|--fit-rows N] [--speed X] [--url URL] [--key KEY] [--model NAME@VERSION]';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        plant: { type: 'string' }, line: { type: 'string' }, asset: { type: 'string' },
        fit: { type: 'string' }, 'fit-rows': { type: 'string' }, speed: { type: 'string', default: '0' },
        url: { type: 'string', default: 'http://127.0.0.1:8080' }, key: { type: 'string' },
        model: { type: 'string', default: 'skab-mewma@1.0.0' }, 'connect-timeout': { type: 'string', default: '10000' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 1;
  }
  const v = args.values;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const key = v.key ?? process.env.CLEARLINE_EDGE_KEY;
  const problems = [
    args.positionals.length === 0 && 'at least one CSV file',
    !v.plant && '--plant', !v.line && '--line', !v.asset && '--asset',
    !key && '--key or CLEARLINE_EDGE_KEY',
    v.fit && v['fit-rows'] && 'only one of --fit and --fit-rows',
  ].filter(Boolean);
  if (problems.length) {
    console.error(`missing or conflicting: ${problems.join(', ')}\n${USAGE}`);
    return 1;
  }
  const speed = Number(v.speed);
  const fitRows = v['fit-rows'] === undefined ? undefined : Number(v['fit-rows']);
  if (!(speed >= 0) || (fitRows !== undefined && !(Number.isInteger(fitRows) && fitRows >= 10))) {
    console.error(`--speed must be ≥ 0 and --fit-rows an integer ≥ 10\n${USAGE}`);
    return 1;
  }
  let plan;
  try {
    plan = {
      tables: args.positionals.map(readSkabCsv),
      fit: fitRows === undefined ? readSkabCsv(v.fit ?? SKAB_ANOMALY_FREE) : undefined,
      fitRows, speed, plant: v.plant!, line: v.line!, asset: v.asset!, model: parseModelRef(v.model),
    };
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }

  const client = new EdgeClient({
    url: v.url, key: key!, overflow: 'refuse', batchSize: 500,
    onStatus: (s, detail) => { if (s !== 'connected') console.error(`relay ${s}${detail ? `: ${detail}` : ''}`); },
  });
  if (!(await client.ready(Number(v['connect-timeout']) || 10_000))) {
    console.error(`relay unreachable at ${v.url}: ${client.lastError ?? 'no answer'}`);
    await client.close(0);
    return 2;
  }
  const files = await replay(plan, client, { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
  const flushed = await client.flush(30_000);
  const counts = await client.close(0);
  for (const f of files) {
    console.log(JSON.stringify({ file: f.source, rows: f.rows, threshold: Number(f.threshold.toFixed(3)), aboveThreshold: f.aboveThreshold }));
    // A file far above threshold from its first rows is scored against fit data from another operating point.
    if (f.aboveThreshold > 0.8 * f.rows) console.error(`${f.source}: ${f.aboveThreshold} of ${f.rows} rows above threshold — fit data does not match this recording; try --fit-rows 400`);
  }
  const reasons = new Map<string, number>();
  for (const r of client.rejections) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  console.log(JSON.stringify({ ...counts, rejectionSamples: Object.fromEntries(reasons) }));
  if (!flushed || client.refused) {
    console.error(`relay did not take everything: ${counts.dropped} results unsent (${client.lastError ?? 'timeout'})`);
    return 2;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
