/**
 * waitFor polls `cond` every `intervalMs` until it holds, and rejects naming `what` once `ms`
 * have passed. For tests that wait on real I/O (a test server, a file watcher); a test that can
 * use a FakeClock uses that instead.
 */
export function waitFor(cond: () => boolean, what: string, ms = 8000, intervalMs = 10): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, intervalMs);
    };
    tick();
  });
}
