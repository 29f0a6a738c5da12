/**
 * How a browser's received change sequence differs from the store's: null when it is exactly the
 * stored sequence, else what is missing, shown twice or extra (a readable failure in a poll).
 */
export function seqDifferences(shown: number[], stored: number[]) {
  if (shown.join() === stored.join()) return null;
  const seen = new Set(shown);
  return {
    missing: stored.filter((q) => !seen.has(q)),
    twice: shown.filter((q, i) => shown.indexOf(q) !== i),
    extra: shown.filter((q) => !stored.includes(q)),
  };
}
