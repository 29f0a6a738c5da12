// Waiting in tests and benches: a pause, and polling a condition with a deadline that names what it
// waited for.

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Polls `cond` every `everyMs` until true; throws with `what` after `timeoutMs`. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
