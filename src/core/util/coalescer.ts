/**
 * ChangeCoalescer gathers items that changed and delivers them in one call, at most one delivery
 * per `delayMs`, so a storm of informer events becomes a few tree refreshes a second. After a
 * quiet window the first change goes out on the next turn of the event loop (what one turn
 * changes is still one delivery), not a whole window later. Past `maxItems` distinct items, or
 * after `all()`, it delivers `undefined`: "everything changed".
 */
export class ChangeCoalescer<T> {
  private pending = new Set<T>();
  private everything = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private lastFlush = -Infinity;

  constructor(
    private readonly options: {
      delayMs: number;
      maxItems: number;
      fire: (items: T[] | undefined) => void;
      setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
      clearTimer?: (t: ReturnType<typeof setTimeout>) => void;
      now?: () => number;
    },
  ) {}

  add(item: T): void {
    if (this.disposed) return;
    if (!this.everything) {
      this.pending.add(item);
      if (this.pending.size > this.options.maxItems) this.all();
    }
    this.schedule();
  }

  all(): void {
    if (this.disposed) return;
    this.everything = true;
    this.pending.clear();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const set = this.options.setTimer ?? setTimeout;
    const wait = Math.max(0, this.lastFlush + this.options.delayMs - this.now());
    this.timer = set(() => this.flush(), wait);
  }

  /** flush delivers what is pending now. */
  flush(): void {
    if (this.timer !== undefined) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = undefined;
    if (this.disposed) return;
    if (this.everything || this.pending.size > 0) this.lastFlush = this.now();
    if (this.everything) {
      this.everything = false;
      this.pending.clear();
      this.options.fire(undefined);
    } else if (this.pending.size > 0) {
      const items = [...this.pending];
      this.pending.clear();
      this.options.fire(items);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) (this.options.clearTimer ?? clearTimeout)(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
