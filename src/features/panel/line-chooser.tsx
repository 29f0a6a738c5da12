import { Link } from 'react-router';
import { humanize } from '../../lib/catalogue.ts';

/** One plant's lines (as `GET /api/v1/plants` lists them for this person) as large touch tiles. */
export function PlantLines({ plant, lines }: { plant: string; lines: { line: string; title: string }[] }) {
  return (
    <section aria-labelledby={`plant-${plant}`}>
      <h2 id={`plant-${plant}`} className="mb-3 text-xl font-semibold text-ink-muted">Plant {humanize(plant)}</h2>
      {lines.length === 0 && <p className="text-lg">No lines of this plant are in your scope.</p>}
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4">
        {lines.map(({ line, title }) => (
          <li key={line}>
            <Link to={`/panel/${encodeURIComponent(plant)}/${encodeURIComponent(line)}`} data-testid="line-link"
              className="flex min-h-24 items-center rounded-lg border-2 border-edge bg-surface px-6 text-2xl font-semibold active:bg-sunk">
              {title || humanize(line)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
