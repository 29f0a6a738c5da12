import type { EngineCore } from './core.ts';
import { represent } from './annunciation.ts';
import { applyTrust } from './lifecycle.ts';
import { decidePriority } from './priority.ts';
import { deriveState } from './states.ts';

/**
 * After a policy change, current alerts follow the new policy where it decides about them now:
 * suppression by design (on or off), priority from label policy, and trust demotion. Everything else
 * (delays, windows) applies from the next result on.
 */
export function reapplyPolicy(core: EngineCore, at: number): void {
  for (const k of core.allKeys()) {
    const p = core.policyOf(k);
    const a = k.alert;
    if (!a) continue;
    const before = { priority: a.priority, suggested: a.suggestedPriority };
    // An edge suggestion is not kept per alert; policy re-decides only when it alone decides.
    if (!p.edgePriority) a.suggestedPriority = decidePriority(p, undefined, k.label);
    applyTrust(k, a);
    const byDesign = p.suppressedByDesign || p.suppressedLabels.includes(k.label);
    const l = k.asset.line;
    if (byDesign && (a.suppression === null || a.suppression === 'chattering' || a.suppression === 'flood' || a.suppression === 'demoted')) {
      core.setSuppression(l, a, 'suppressed_by_design', at);
      a.state = deriveState(a);
      core.emit('suppressed', at, a, null, 'suppressed_by_design');
    } else if (!byDesign && a.suppression === 'suppressed_by_design') {
      represent(core, k, a, at, core.lineTime(l, at), { kind: 'released', by: null, reason: 'no longer suppressed by design' });
    } else if (a.priority !== before.priority || a.suggestedPriority !== before.suggested) {
      core.emit('updated', at, a, null, 'policy changed');
    }
  }
}
