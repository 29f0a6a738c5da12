import type { Priority } from '../protocol/common.ts';

const CLASSES: Record<Priority, string> = {
  critical: 'bg-alarm-critical text-alarm-critical-ink',
  high: 'bg-alarm-high text-alarm-high-ink',
  medium: 'bg-alarm-medium text-alarm-medium-ink',
  low: 'bg-alarm-low text-alarm-low-ink',
};

/** Octagon, triangle, diamond, circle: the panel's priority shapes at desk size. */
export function PriorityMark({ priority, size = 12 }: { priority: Priority; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="shrink-0" fill="currentColor">
      {priority === 'critical' && <polygon points="6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6" />}
      {priority === 'high' && <polygon points="10,1.5 19,18 1,18" />}
      {priority === 'medium' && <polygon points="10,1 19,10 10,19 1,10" />}
      {priority === 'low' && <circle cx="10" cy="10" r="8.5" />}
    </svg>
  );
}

/** A small priority marker for desk tables: alarm colour plus shape plus word (never colour alone). */
export function PriorityChip({ priority }: { priority: Priority }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 text-xs font-bold uppercase ${CLASSES[priority]}`} data-priority={priority}>
      <PriorityMark priority={priority} />
      {priority}
    </span>
  );
}
