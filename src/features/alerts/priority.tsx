import type { Priority } from '../../protocol/common.ts';

/** Priority is always coded twice: colour plus shape plus word. */
export const PRIORITY_WORD: Record<Priority, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

const CLASSES: Record<Priority, string> = {
  critical: 'bg-alarm-critical text-alarm-critical-ink [--alarm:var(--color-alarm-critical)]',
  high: 'bg-alarm-high text-alarm-high-ink [--alarm:var(--color-alarm-high)]',
  medium: 'bg-alarm-medium text-alarm-medium-ink [--alarm:var(--color-alarm-medium)]',
  low: 'bg-alarm-low text-alarm-low-ink [--alarm:var(--color-alarm-low)]',
};

/** Octagon (critical), triangle (high), diamond (medium), circle (low). */
export function PriorityShape({ priority, size = 22 }: { priority: Priority; size?: number }) {
  const common = { fill: 'currentColor', stroke: 'currentColor', strokeWidth: 1 } as const;
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="shrink-0">
      {priority === 'critical' && <polygon points="6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6" {...common} />}
      {priority === 'high' && <polygon points="10,1.5 19,18 1,18" {...common} />}
      {priority === 'medium' && <polygon points="10,1 19,10 10,19 1,10" {...common} />}
      {priority === 'low' && <circle cx="10" cy="10" r="8.5" {...common} />}
    </svg>
  );
}

/** The priority indicator; it flashes only while the alert is unacknowledged (dashed outline instead, for reduced motion). */
export function PriorityBadge({ priority, flashing, large = false }: { priority: Priority; flashing: boolean; large?: boolean }) {
  return (
    <span data-priority={priority} data-flashing={flashing || undefined}
      className={`inline-flex shrink-0 items-center gap-2 rounded-md font-bold tracking-wide ${CLASSES[priority]} ${large ? 'h-12 px-4 text-xl' : 'h-10 px-3 text-lg'} ${flashing ? 'motion-safe:animate-alarm-flash motion-reduce:outline-4 motion-reduce:outline-offset-2 motion-reduce:outline-ink motion-reduce:outline-dashed' : ''}`}>
      <PriorityShape priority={priority} size={large ? 24 : 20} />
      {PRIORITY_WORD[priority]}
    </span>
  );
}
