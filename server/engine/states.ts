import type { Alert, AlertState, SuppressionReason } from '../../src/protocol/alert.ts';

/**
 * The ISA-18.2 state shown for an alert. Out-of-service, shelved and suppressed-by-design are
 * states of their own (OPC UA Part 9); the others follow from active × acknowledged.
 */
export function deriveState(a: Alert): AlertState {
  if (a.clearedAt !== null) return 'normal';
  switch (a.suppression) {
    case 'out_of_service':
    case 'shelved':
    case 'suppressed_by_design':
      return a.suppression;
    default:
      if (a.active) return a.acknowledged ? 'acknowledged' : 'unacknowledged';
      return 'returned_unacknowledged';
  }
}

/**
 * Whether an alert that is (or just became) inactive ends. It stays only while it waits for an
 * operator's acknowledgement: annunciated and not acknowledged. Anything held back (shelved,
 * out-of-service, by design, chattering, flood, demoted) asked nobody, so nobody needs to answer it.
 */
export function endsWhenInactive(a: Alert): boolean {
  return a.acknowledged || a.suppression !== null;
}

/** Everything that may hold an alert back at the moment it would annunciate. */
export interface HoldContext {
  outOfService: boolean;
  shelved: boolean;
  byDesign: boolean;
  /** The priority policy gave before any demotion is `critical`. */
  critical: boolean;
  chattering: boolean;
  /** Demoted by trust and the demotion falls below the annunciation level. */
  demotedSilent: boolean;
  /** The console is in flood and the (demoted) priority is low or medium. */
  flood: boolean;
}

/**
 * The reason an alert is not annunciated, or null when it is. People's choices (out-of-service,
 * shelving) and design come first and hold back even critical alerts; the engine's own mechanisms
 * (chattering, trust, flood) never hold back a critical one.
 */
export function holdReason(h: HoldContext): SuppressionReason | null {
  if (h.outOfService) return 'out_of_service';
  if (h.shelved) return 'shelved';
  if (h.byDesign) return 'suppressed_by_design';
  if (h.critical) return null;
  if (h.chattering) return 'chattering';
  if (h.demotedSilent) return 'demoted';
  if (h.flood) return 'flood';
  return null;
}
