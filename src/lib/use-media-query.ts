import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, following changes (e.g. a panel rotated or resized). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Short landscape panels (800×480); matches the `short:` variant in index.css. */
export const SHORT_SCREEN = '(max-height: 600px)';
