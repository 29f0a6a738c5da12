/** The id an unvalidated item claims, if any, bounded as the schema bounds it (for answers naming it). */
export function rawId(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 128) : undefined;
}
