/**
 * shutdownWrites: writes that disposal starts (the Events history's last save) and that
 * `deactivate()` waits for. VS Code calls deactivate, disposes the extension's subscriptions
 * right after, and then waits (bounded) for deactivate's promise before the extension host
 * exits: without this, a save started by a dispose could be cut short by the exit.
 */
const pending = new Set<Promise<unknown>>();

/** SHUTDOWN_WRITES_MAX_MS bounds how long deactivate waits for them. */
export const SHUTDOWN_WRITES_MAX_MS = 3000;

/** trackShutdownWrite keeps `p` until it settles. */
export function trackShutdownWrite(p: Promise<unknown>): void {
  const tracked = p.finally(() => pending.delete(tracked)).catch(() => undefined);
  pending.add(tracked);
}

/**
 * settleShutdownWrites resolves once the dispose that follows deactivate has run (one turn of the
 * event loop) and every tracked write has settled, or after `maxMs`, whichever comes first.
 */
export async function settleShutdownWrites(maxMs = SHUTDOWN_WRITES_MAX_MS): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
  await Promise.race([Promise.allSettled([...pending]), timeout]);
  clearTimeout(timer);
}
