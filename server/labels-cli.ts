/**
 * `npm run labels -- --out FILE [options]`: downloads operator labels for retraining from a relay,
 * following the export cursor until nothing is left.
 *
 *   --out FILE            where to write (JSONL, or CSV when FILE ends in .csv or --format csv)
 *   --url URL             relay (default http://127.0.0.1:8080)
 *   --user U --password P or CLEARLINE_USER / CLEARLINE_PASSWORD (a supervisor, engineer or admin)
 *   --plant P --line L --model NAME --version V --from T --to T   filters (T: epoch ms or ISO-8601)
 *   --cursor N            start after this cursor (default 0: everything)
 *   --cursor-file FILE    read the start cursor from FILE when it exists; write the next cursor there
 *   --append              add to FILE instead of replacing it (incremental polling)
 *   --page N              labels per request (default 5000)
 *
 * Prints one JSON line: labels written, requests made and the next cursor. Exit codes: 0 done,
 * 1 bad arguments, 2 relay unreachable, sign-in refused or an export request failed.
 */
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run labels -- --out FILE [--url URL] [--user U --password P] [--plant P] [--line L] [--model M] [--version V] [--from T] [--to T] [--cursor N | --cursor-file F] [--append] [--format jsonl|csv] [--page N]';

class Failure extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  } catch (err) {
    throw new Failure(2, `relay unreachable at ${url}: ${(err as Error).message}`);
  }
  if (res.status !== 200) throw new Failure(2, `sign-in refused (${res.status}): ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Failure(2, 'sign-in answered without a session cookie');
  return cookie;
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' }, url: { type: 'string', default: 'http://127.0.0.1:8080' },
        user: { type: 'string' }, password: { type: 'string' },
        plant: { type: 'string' }, line: { type: 'string' }, model: { type: 'string' }, version: { type: 'string' },
        from: { type: 'string' }, to: { type: 'string' }, cursor: { type: 'string' }, 'cursor-file': { type: 'string' },
        append: { type: 'boolean', default: false }, format: { type: 'string' }, page: { type: 'string', default: '5000' },
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
  const user = v.user ?? process.env.CLEARLINE_USER;
  const password = v.password ?? process.env.CLEARLINE_PASSWORD;
  const format = v.format ?? (v.out?.endsWith('.csv') ? 'csv' : 'jsonl');
  const page = Number(v.page);
  const problems = [
    !v.out && '--out', !user && '--user or CLEARLINE_USER', !password && '--password or CLEARLINE_PASSWORD',
    !['jsonl', 'csv'].includes(format) && '--format must be jsonl or csv',
    !(Number.isInteger(page) && page >= 1 && page <= 100_000) && '--page must be 1–100000',
    v.cursor !== undefined && !/^\d+$/.test(v.cursor) && '--cursor must be a whole number',
    v.cursor !== undefined && v['cursor-file'] && 'only one of --cursor and --cursor-file',
  ].filter(Boolean);
  if (problems.length) {
    console.error(`missing or wrong: ${problems.join(', ')}\n${USAGE}`);
    return 1;
  }
  const cursorFile = v['cursor-file'];
  let cursor = Number(v.cursor ?? 0);
  if (cursorFile && existsSync(cursorFile)) {
    const saved = readFileSync(cursorFile, 'utf8').trim();
    if (!/^\d+$/.test(saved)) {
      console.error(`${cursorFile} does not hold a cursor (a whole number)`);
      return 1;
    }
    cursor = Number(saved);
  }
  const url = v.url.replace(/\/+$/, '');
  const out = v.out!;
  const filters = new URLSearchParams({ format });
  for (const k of ['plant', 'line', 'model', 'version', 'from', 'to'] as const) if (v[k]) filters.set(k, v[k]);

  const cookie = await signIn(url, user!, password!);
  const hadContent = v.append && existsSync(out) && statSync(out).size > 0;
  const file = createWriteStream(out, { flags: v.append ? 'a' : 'w' });
  let written = 0;
  let requests = 0;
  let headerDone = hadContent;
  try {
    for (;;) {
      const q = new URLSearchParams(filters);
      q.set('cursor', String(cursor));
      q.set('limit', String(page));
      const res = await fetch(`${url}/api/v1/labels?${q}`, { headers: { cookie } });
      requests++;
      if (res.status !== 200) throw new Failure(2, `export refused (${res.status}): ${await res.text()}`);
      const next = Number(res.headers.get('x-next-cursor'));
      const count = Number(res.headers.get('x-label-count'));
      if (!Number.isInteger(next) || !Number.isInteger(count)) throw new Failure(2, 'export answered without x-next-cursor / x-label-count');
      let body = await res.text();
      if (format === 'csv') {
        const eol = body.indexOf('\r\n');
        if (headerDone) body = eol >= 0 ? body.slice(eol + 2) : '';
        else headerDone = true;
      }
      if (body && !file.write(body)) await once(file, 'drain');
      written += count;
      cursor = next;
      if (res.headers.get('x-has-more') !== 'true') break;
    }
  } finally {
    file.end();
    await once(file, 'close');
  }
  if (cursorFile) writeFileSync(cursorFile, `${cursor}\n`);
  console.log(JSON.stringify({ out, format, labels: written, requests, nextCursor: cursor }));
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  return err instanceof Failure ? err.code : 2;
});
