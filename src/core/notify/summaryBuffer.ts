import { type Clock, type TimerHandle } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { type ReasonCount, type SummaryNotification, summaryMessage } from './notification';
import { sanitizeText } from './sanitize';

/** MAX_OBJECTS_PER_REASON bounds the distinct objects remembered per reason of one summary. */
export const MAX_OBJECTS_PER_REASON = 50;
/** MAX_SUMMARY_OBJECTS bounds `objects` in an emitted summary. */
export const MAX_SUMMARY_OBJECTS = 20;

/** SummaryBufferOptions configure a SummaryBuffer. */
export interface SummaryBufferOptions {
  clock: Clock;
  /** A group is emitted this long after its first warning. */
  delayMs: number;
  emit: (summary: SummaryNotification) => void;
}

interface ReasonBucket {
  count: number;
  objects: Map<string, number>;
}

interface Group {
  readonly context: string;
  readonly namespace: string;
  count: number;
  readonly reasons: Map<string, ReasonBucket>;
  timer: TimerHandle | undefined;
}

/**
 * SummaryBuffer gathers warnings that were over the notification budget, per (context,
 * namespace), and emits each group as one SummaryNotification `delayMs` after the group's
 * first warning; a warning arriving after that starts a new group.
 *
 * Contract: every `add` is accounted for exactly once, by an emitted summary's `count` or by the
 * return value of `remove`. `dispose()` clears every timer without emitting.
 */
export class SummaryBuffer implements Disposable {
  private readonly groups = new Map<string, Group>();
  private disposed = false;

  constructor(private readonly options: SummaryBufferOptions) {}

  /** pending is the number of warnings waiting in groups not yet emitted. */
  get pending(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.count;
    return n;
  }

  /** add folds one warning (its reason and object label) into its group. */
  add(context: string, namespace: string, reason: string, object: string): void {
    if (this.disposed) return;
    const key = `${context}\u0000${namespace}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { context, namespace, count: 0, reasons: new Map(), timer: undefined };
      this.groups.set(key, group);
      const g = group;
      g.timer = this.options.clock.setTimeout(() => {
        g.timer = undefined;
        this.emitGroup(key);
      }, this.options.delayMs);
    }
    group.count++;
    let bucket = group.reasons.get(reason);
    if (!bucket) group.reasons.set(reason, (bucket = { count: 0, objects: new Map() }));
    bucket.count++;
    const seen = bucket.objects.get(object);
    if (seen !== undefined) bucket.objects.set(object, seen + 1);
    else if (bucket.objects.size < MAX_OBJECTS_PER_REASON) bucket.objects.set(object, 1);
  }

  /**
   * remove takes out of the pending groups every warning whose (context, namespace, reason)
   * matches (used when rules change so that a newly muted warning is not summarised later)
   * and returns how many it removed. Emptied groups are cancelled.
   */
  remove(matches: (context: string, namespace: string, reason: string) => boolean): number {
    let removed = 0;
    for (const [key, group] of this.groups) {
      for (const [reason, bucket] of group.reasons) {
        if (!matches(group.context, group.namespace, reason)) continue;
        removed += bucket.count;
        group.count -= bucket.count;
        group.reasons.delete(reason);
      }
      if (group.count === 0) this.cancel(key, group);
    }
    return removed;
  }

  /** flush emits every pending group now. */
  flush(): void {
    for (const key of [...this.groups.keys()]) this.emitGroup(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const [key, group] of this.groups) this.cancel(key, group);
  }

  private cancel(key: string, group: Group): void {
    if (group.timer !== undefined) this.options.clock.clearTimeout(group.timer);
    group.timer = undefined;
    this.groups.delete(key);
  }

  private emitGroup(key: string): void {
    const group = this.groups.get(key);
    if (!group) return;
    this.cancel(key, group);
    if (this.disposed || group.count === 0) return;
    const byReason: ReasonCount[] = [...group.reasons]
      .map(([reason, b]) => ({ reason: sanitizeText(reason, 80) || 'Warning', count: b.count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    const objectCounts = new Map<string, number>();
    for (const b of group.reasons.values())
      for (const [o, n] of b.objects) objectCounts.set(o, (objectCounts.get(o) ?? 0) + n);
    const objects = [...objectCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_SUMMARY_OBJECTS)
      .map(([o]) => o);
    const { context, namespace, count } = group;
    this.options.emit({
      kind: 'summary',
      context,
      namespace,
      count,
      byReason,
      objects,
      message: summaryMessage(context, namespace, count, byReason, objects),
    });
  }
}
