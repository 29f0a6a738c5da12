// `npm test`: Chromium check, typecheck, lint, vitest (unit + integration), build, Playwright e2e;
// ends with one line `N passed, N failed` and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name: string) => `node_modules/.bin/${name}`;
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n── ${label} ──`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env } });
  console.log(`── ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function check(label: string, ok: boolean) {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(label);
  }
}

function ensureChromium(): boolean {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return true;
  const debianRoot = process.getuid?.() === 0 && existsSync('/etc/debian_version');
  if (!debianRoot) {
    console.error(`clearline: no Chromium at ${path}. Install Debian's 'chromium' package (apt-get install chromium) or set CHROMIUM_PATH.`);
    return false;
  }
  console.log("clearline: installing Debian's chromium package for the browser tests...");
  return run('apt-get update', 'apt-get', ['update', '-q']) && run('apt-get install chromium', 'apt-get', ['install', '-y', '-q', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const chromium = ensureChromium();
check('chromium available', chromium);
check('typecheck', run('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
check('lint', run('lint (eslint)', bin('eslint'), ['.', '--max-warnings', '0']));

run('unit + integration (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
const vitest = readJson('test-results/vitest.json') as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number; success?: boolean } | null;
if (!vitest) check('vitest produced a report', false);
else {
  tally.passed += vitest.numPassedTests ?? 0;
  tally.failed += vitest.numFailedTests ?? 0;
  tally.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if (!vitest.success && !vitest.numFailedTests) check('vitest suites (a suite failed to load)', false);
  if (vitest.numFailedTests) failures.push(`vitest: ${vitest.numFailedTests} failed`);
}

const built = run('build (vite)', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
check('build', built);
if (built && chromium) {
  run('e2e (playwright)', bin('playwright'), ['test']);
  const e2e = readJson('test-results/e2e.json') as { stats?: { expected: number; unexpected: number; skipped: number; flaky: number } } | null;
  if (!e2e?.stats) check('playwright produced a report', false);
  else {
    tally.passed += e2e.stats.expected + e2e.stats.flaky;
    tally.failed += e2e.stats.unexpected;
    tally.skipped += e2e.stats.skipped;
    if (e2e.stats.unexpected) failures.push(`e2e: ${e2e.stats.unexpected} failed`);
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
process.exit(tally.failed ? 1 : 0);
