import { useEffect, useState } from 'react';

/** The current time, re-rendering every `everyMs` (for "since 84 s" and "data 42 s old"). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
