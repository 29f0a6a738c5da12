const FIT = {
  /** One line, cut with an ellipsis. */
  line: 'inline-block max-w-full truncate align-bottom',
  /** Up to two lines, broken anywhere when a word is longer than the room, then cut. */
  twoLines: 'line-clamp-2 wrap-anywhere',
  /** As many lines as it needs, broken anywhere when a word is longer than the room. */
  wrap: 'wrap-anywhere',
} as const;

/**
 * A name from an edge or a plant's catalogue (feature, asset, label, model): in a `<bdi>`, so a
 * right-to-left name cannot reorder the text around it, and fitted to its box (`fit`) however long
 * it is; the full name stays in the tooltip when it is cut.
 */
export function Name({ text, fit = 'twoLines', className = '' }: { text: string; fit?: keyof typeof FIT; className?: string }) {
  return <bdi title={fit === 'wrap' ? undefined : text} className={`${FIT[fit]} ${className}`.trim()}>{text}</bdi>;
}
