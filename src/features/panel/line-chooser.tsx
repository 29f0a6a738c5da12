import { Link } from 'react-router';
import { useCatalogue, humanize } from '../../lib/catalogue.ts';

/** One plant's lines as large touch tiles, each opening that line's panel. */
export function PlantLines({ plant, only }: { plant: string; only: Set<string> | null }) {
  const cat = useCatalogue(plant);
  if (cat.isPending) return <p className="text-lg">Loading {plant}…</p>;
  if (cat.isError) return <p role="alert" className="text-lg font-semibold">{plant}: {cat.error.message}</p>;
  const lines = Object.entries(cat.data.lines).filter(([slug]) => !only || only.has(slug));
  for (const slug of only ?? []) if (!cat.data.lines[slug]) lines.push([slug, humanize(slug)]);
  return (
    <section aria-labelledby={`plant-${plant}`}>
      <h2 id={`plant-${plant}`} className="mb-3 text-xl font-semibold text-ink-muted">Plant {humanize(plant)}</h2>
      {lines.length === 0 && <p className="text-lg">No lines in this plant’s catalogue.</p>}
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4">
        {lines.map(([slug, name]) => (
          <li key={slug}>
            <Link to={`/panel/${encodeURIComponent(plant)}/${encodeURIComponent(slug)}`} data-testid="line-link"
              className="flex min-h-24 items-center rounded-lg border-2 border-edge bg-surface px-6 text-2xl font-semibold active:bg-sunk">
              {name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
