/** What a line timer completes when its time comes. */
export type TimerKind = 'off_delay' | 'chatter_release' | 'flood_check';

/**
 * One pending deadline. `token` must still match its owner's current token when it fires: cancelling
 * is done by bumping the owner's token, so the steady path never searches the heap.
 */
export interface Timer<T> {
  at: number;
  seq: number;
  kind: TimerKind;
  owner: T;
  token: number;
}

/**
 * A binary min-heap of timers ordered by (at, seq). `seq` is the engine's scheduling counter, so ties
 * fire in the order they were scheduled and the outcome never depends on heap internals.
 */
export class TimerHeap<T> {
  private readonly items: Timer<T>[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Earliest deadline, or +Infinity when empty. */
  peekAt(): number {
    return this.items.length ? this.items[0]!.at : Infinity;
  }

  push(t: Timer<T>): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): Timer<T> | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function less<T>(x: Timer<T>, y: Timer<T>): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}
