import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const err = useRouteError();
  const text = isRouteErrorResponse(err) ? `${err.status} ${err.statusText}` : err instanceof Error ? err.message : 'Something went wrong.';
  return (
    <main className="grid h-full place-items-center p-8">
      <div className="max-w-xl rounded-lg bg-surface p-8 text-center">
        <h1 className="text-2xl font-bold">This screen failed to load</h1>
        <p className="mt-3 text-ink-muted">{text}</p>
        <button type="button" onClick={() => location.reload()} className="mt-6 min-h-touch rounded-md bg-control px-8 text-lg font-semibold active:bg-control-press">
          Reload
        </button>
      </div>
    </main>
  );
}
