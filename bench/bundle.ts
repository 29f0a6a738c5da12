// Row (f): the panel route's first-load JavaScript, gzip. Builds the app with Vite into a temp
// folder (with a manifest) and sums the entry chunk, the panel route's lazy chunk and every chunk
// they import statically (what the browser must fetch before the panel can render).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../server/testing/relay-process.ts';

interface ManifestChunk { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; src?: string }

export interface BundleResult {
  gzipKb: number;
  rawKb: number;
  files: { file: string; rawKb: number; gzipKb: number }[];
  buildSeconds: number;
}

/** Builds the app into `<outRoot>/dist` (served by the relay when it runs with cwd = outRoot). */
export function build(outRoot: string): number {
  const t = Date.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', join(outRoot, 'dist'), '--emptyOutDir', '--manifest', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return (Date.now() - t) / 1000;
}

export function panelRouteSize(outRoot: string, buildSeconds: number): BundleResult {
  const dist = join(outRoot, 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const panelKey = Object.keys(manifest).find((k) => /routes\/panel\.tsx$/.test(k));
  if (!entryKey || !panelKey) throw new Error(`manifest lacks the entry or the panel route: ${Object.keys(manifest).join(', ')}`);
  const files = new Set<string>();
  const walk = (key: string) => {
    const c = manifest[key]!;
    if (files.has(c.file)) return;
    files.add(c.file);
    for (const i of c.imports ?? []) walk(i);
  };
  walk(entryKey);
  walk(panelKey);
  // A lazy chunk the panel route itself loads at render time (dynamic imports of the panel chunk) counts too.
  for (const d of manifest[panelKey]!.dynamicImports ?? []) walk(d);
  const list = [...files].filter((f) => f.endsWith('.js')).map((file) => {
    const raw = readFileSync(join(dist, file));
    return { file, rawKb: raw.length / 1024, gzipKb: gzipSync(raw) /* zlib default level 6, as a server compressing on the fly */.length / 1024 };
  });
  return { gzipKb: list.reduce((s, f) => s + f.gzipKb, 0), rawKb: list.reduce((s, f) => s + f.rawKb, 0), files: list, buildSeconds };
}

if (import.meta.main) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = mkdtempSync(join(tmpdir(), 'clearline-build-'));
  console.log(panelRouteSize(out, build(out)));
}
