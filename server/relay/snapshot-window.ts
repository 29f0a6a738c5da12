/**
 * After the adapter's link (Redis) was lost, pushes between relay instances may be missing, and a
 * browser's last seen sequence no longer proves it saw everything before it (a later change may have
 * come through while an earlier one was lost). For a while after such a loss every subscribe is
 * answered with a fresh snapshot instead of a replay. Pure: relay time is passed in.
 */
export class SnapshotWindow {
  private until = -Infinity;

  /** Snapshots only, from `now` for `ms`. */
  open(now: number, ms: number): void {
    this.until = Math.max(this.until, now + ms);
  }

  /** Whether a subscribe at `now` must be answered with a snapshot. */
  isOpen(now: number): boolean {
    return now < this.until;
  }
}
