/** AbortedError is what `raceAbort` rejects with when its signal aborts first. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/**
 * raceAbort settles like `promise`, unless `signal` aborts first: then it rejects with an
 * AbortedError at once, without waiting for `promise` (whose later outcome is ignored, never
 * an unhandled rejection). Use it so a source that ignores its AbortSignal cannot hang a caller.
 */
export function raceAbort<R>(promise: Promise<R>, signal: AbortSignal): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => {});
      reject(new AbortedError());
      return;
    }
    const onAbort = (): void => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
