/** Disposable is anything that holds a listener, timer or socket and releases it on dispose(). */
export interface Disposable {
  dispose(): void;
}

/** toDisposable wraps a release function; calling dispose() twice releases once. */
export function toDisposable(release: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (!done) {
        done = true;
        release();
      }
    },
  };
}

/** DisposableStore owns many disposables and releases them all, newest first, once. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.items.push(d);
    }
    return d;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** clear releases what the store holds now, newest first, and keeps it open for more. */
  clear(): void {
    const items = this.items.reverse();
    this.items = [];
    for (const d of items) d.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}
