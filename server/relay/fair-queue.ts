/**
 * Runs one task at a time, taking turns between lanes (one lane per edge key, one for the relay's own
 * work): within a lane tasks keep their order, across lanes no sender waits behind another's backlog.
 * A flooding edge therefore delays a calm one by at most one task, not by everything it queued.
 */
export class FairQueue {
  private readonly lanes = new Map<string, (() => Promise<void>)[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private running = false;

  /** Queues `fn` in `lane`; resolves or rejects with its result. */
  run<T>(lane: string, fn: () => Promise<T>): Promise<T> {
    const done = new Promise<T>((resolve, reject) => {
      const tasks = this.lanes.get(lane) ?? [];
      tasks.push(() => fn().then(resolve, reject));
      this.lanes.set(lane, tasks);
    });
    this.inFlight.add(done);
    const forget = () => this.inFlight.delete(done);
    done.then(forget, forget);
    if (!this.running) void this.pump();
    return done;
  }

  /** Settles once every task queued before the call has run. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.lanes.size) {
      // Map order is insertion order: take the first lane's head, then move the lane to the back.
      const [lane, tasks] = this.lanes.entries().next().value!;
      this.lanes.delete(lane);
      const task = tasks.shift()!;
      if (tasks.length) this.lanes.set(lane, tasks);
      await task();
      // A task on a synchronous store (node:sqlite) settles in microtasks only: yield to the event
      // loop between tasks so sockets, timers and health checks are served while a backlog drains.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.running = false;
  }
}
