import { useNavigate, useParams } from 'react-router';
import { AlertTimelineView } from '../../features/alert-detail/alert-timeline.tsx';
import { useAlertTimeline } from '../../features/alert-detail/queries.ts';

/** `/alerts/:id`: one alert's timeline (any signed-in person in scope). */
export function AlertDetailRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const t = useAlertTimeline(id);
  return (
    <main className="space-y-2 p-3">
      <button type="button" onClick={() => void navigate(-1)} className="text-sm underline">◂ Back</button>
      {t.isPending && <p role="status">Loading alert…</p>}
      {t.isError && <p role="alert" className="font-semibold">{t.error.message}</p>}
      {t.data && <AlertTimelineView t={t.data} />}
    </main>
  );
}
