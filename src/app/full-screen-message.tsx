import type { ReactNode } from 'react';

export function FullScreenMessage({ children, retry }: { children: ReactNode; retry?: () => void }) {
  return (
    <main className="grid h-full place-items-center p-8">
      <div className="text-center">
        <p className="text-2xl font-semibold" role="status">{children}</p>
        {retry && (
          <button type="button" onClick={retry} className="mt-6 min-h-touch rounded-md bg-control px-8 text-lg font-semibold active:bg-control-press">
            Try again
          </button>
        )}
      </div>
    </main>
  );
}
