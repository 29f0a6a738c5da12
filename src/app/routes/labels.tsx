import { LabelsExport } from '../../features/labels/labels-export.tsx';
import { usePlants } from '../../lib/plants.ts';
import { RequireRole } from './desk-layout.tsx';

/** `/labels`: label export for retraining (supervisor and up). */
export function LabelsRoute() {
  const plants = usePlants();
  return (
    <RequireRole role="supervisor">
      <main className="space-y-2 p-3">
        <h1 className="text-lg font-bold">Labels for retraining</h1>
        {plants.isError && <p role="alert">{plants.error.message}</p>}
        {plants.data && plants.data.length > 0 && (
          <LabelsExport plants={plants.data} initial={{ plant: plants.data[0]!.plant, line: '', model: '', version: '', from: '', to: '', cursor: '' }} />
        )}
      </main>
    </RequireRole>
  );
}
