import { type Clock, type TimerHandle } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { type Localizer } from '../util/l10n';
import { type ReasonCount, type SummaryNotification, summaryMessage } from './notification';
import { sanitizeText } from './sanitize';

/** MAX_OBJECTS_PER_REASON bounds the distinct objects remembered per reason of one summary. */
export const MAX_OBJECTS_PER_REASON = 50;
/** MAX_SUMMARY_OBJECTS bounds `objects` in an emitted summary. */
export const MAX_SUMMARY_OBJECTS = 20;
/**
 * DEFAULT_GROUPS_PER_CONTEXT: namespaces of one context with a summary of their own at a time;
 * warnings of further namespaces share one "other namespaces" summary. A storm across fifty
 * namespaces then shows four notices per context and window, not fifty.
 */
export const DEFAULT_GROUPS_PER_CONTEXT = 3;
/** The group key suffix of a context's "other namespaces" group (not a valid namespace name). */
const OTHERS = '\u0001others';

/** SummaryBufferOptions configure a SummaryBuffer. */
export interface SummaryBufferOptions {
  clock: Clock;
  /** A group is emitted this long after its first warning. */
  delayMs: number;
  emit: (summary: SummaryNotification) => void;
  /** Namespaces of one context summarised on their own at a time (default 3). */
  groupsPerContext?: number;
  /** Puts the summaries' own words in the user's language (default: English). */
  l10n?: Localizer;
}

/** ReasonBucket counts one (namespace, reason) of a group. */
interface ReasonBucket {
  readonly namespace: string;
  readonly reason: string;
  count: number;
  objects: Map<string, number>;
}

interface Group {
  readonly context: string;
  /** The namespace, or '' for the context's "other namespaces" group (see `others`). */
  readonly namespace: string;
  readonly others: boolean;
  count: number;
  /** Keyed by namespace and reason. */
  readonly reasons: Map<string, ReasonBucket>;
  timer: TimerHandle | undefined;
}

/**
 * SummaryBuffer gathers warnings that were over the notification budget, per (context,
 * namespace), and emits each group as one SummaryNotification `delayMs` after the group's
 * first warning; a warning arriving after that starts a new group. While a context already has
 * `groupsPerContext` namespace groups pending, warnings of its other namespaces go to one
 * shared group of that context (emitted with namespace '' and the namespaces listed).
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
    let key = `${context}\u0000${namespace}`;
    let group = this.groups.get(key);
    if (
      !group &&
      this.namespaceGroups(context) >= (this.options.groupsPerContext ?? DEFAULT_GROUPS_PER_CONTEXT)
    ) {
      key = `${context}\u0000${OTHERS}`;
      group = this.groups.get(key);
    }
    if (!group) {
      const others = key.endsWith(OTHERS);
      group = {
        context,
        namespace: others ? '' : namespace,
        others,
        count: 0,
        reasons: new Map(),
        timer: undefined,
      };
      this.groups.set(key, group);
      const g = group;
      const k = key;
      g.timer = this.options.clock.setTimeout(() => {
        g.timer = undefined;
        this.emitGroup(k);
      }, this.options.delayMs);
    }
    group.count++;
    const bucketKey = `${namespace}\u0000${reason}`;
    let bucket = group.reasons.get(bucketKey);
    if (!bucket) group.reasons.set(bucketKey, (bucket = { namespace, reason, count: 0, objects: new Map() }));
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
      for (const [bucketKey, bucket] of group.reasons) {
        if (!matches(group.context, bucket.namespace, bucket.reason)) continue;
        removed += bucket.count;
        group.count -= bucket.count;
        group.reasons.delete(bucketKey);
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

  /** namespaceGroups counts the pending groups of `context` that have a namespace of their own. */
  private namespaceGroups(context: string): number {
    let n = 0;
    for (const g of this.groups.values()) if (g.context === context && !g.others) n++;
    return n;
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
    const reasonCounts = new Map<string, number>();
    const namespaceCounts = new Map<string, number>();
    for (const b of group.reasons.values()) {
      const reason = sanitizeText(b.reason, 80) || 'Warning';
      reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + b.count);
      namespaceCounts.set(b.namespace, (namespaceCounts.get(b.namespace) ?? 0) + b.count);
    }
    const byReason: ReasonCount[] = [...reasonCounts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    const objectCounts = new Map<string, number>();
    for (const b of group.reasons.values())
      for (const [o, n] of b.objects) objectCounts.set(o, (objectCounts.get(o) ?? 0) + n);
    const objects = [...objectCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, MAX_SUMMARY_OBJECTS)
      .map(([o]) => o);
    const { context, namespace, count } = group;
    const namespaces = group.others
      ? [...namespaceCounts]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
          .map(([ns]) => sanitizeText(ns, 80))
      : undefined;
    this.options.emit({
      kind: 'summary',
      context,
      namespace,
      count,
      byReason,
      objects,
      ...(namespaces ? { namespaces } : {}),
      message: summaryMessage(context, namespace, count, byReason, objects, namespaces, this.options.l10n),
    });
  }
}
