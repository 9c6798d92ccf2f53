/**
 * limiter: bounds how many async tasks run at once (access reviews after a 403 can number one
 * per namespace per kind; the API server should not get them all at once).
 */

/** createLimiter returns a function that runs tasks with at most `concurrency` in flight, FIFO. */
export function createLimiter(concurrency: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= concurrency) return;
    const start = queue.shift();
    if (start) start();
  };
  return <R>(task: () => Promise<R>) =>
    new Promise<R>((resolve, reject) => {
      queue.push(() => {
        running++;
        let p: Promise<R>;
        try {
          p = task();
        } catch (err) {
          p = Promise.reject(err);
        }
        p.then(resolve, reject).finally(() => {
          running--;
          next();
        });
      });
      next();
    });
}
