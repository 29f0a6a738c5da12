import { PRIORITY_RANK, type Priority } from '../../src/protocol/common.ts';
import type { AlarmPolicy } from '../../src/protocol/policy.ts';

const BY_RANK: readonly Priority[] = ['low', 'medium', 'high', 'critical'];

/** The priority policy decides for a result: the edge's suggestion if policy takes it, else per label, else the default. */
export function decidePriority(p: AlarmPolicy, suggested: Priority | undefined, label: string): Priority {
  if (suggested !== undefined && p.edgePriority) return suggested;
  return (Object.hasOwn(p.labelPriorities, label) ? p.labelPriorities[label] : undefined) ?? p.defaultPriority;
}

/** One priority lower; `low` stays `low` (the caller decides whether that falls below annunciation). */
export function lowerPriority(p: Priority): Priority {
  return BY_RANK[Math.max(0, PRIORITY_RANK[p] - 1)]!;
}

export function higher(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b;
}

/** True when a demotion of `p` by one step falls below the policy's annunciation level. */
export function demotionSilences(p: Priority, policy: AlarmPolicy): boolean {
  return PRIORITY_RANK[p] - 1 < PRIORITY_RANK[policy.annunciateFrom];
}

/** Low and medium go into the flood digest; high and critical annunciate one by one. */
export function floodHolds(p: Priority): boolean {
  return PRIORITY_RANK[p] <= PRIORITY_RANK.medium;
}
