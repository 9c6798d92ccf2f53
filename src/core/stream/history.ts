import type { EventRow } from '../../protocol/events';
import type { EventChange } from '../events/hub';
import { LiveOrder } from './liveOrder';
import { type OwnerLookup, toRow } from './row';

/** HistoryChange names a row that changed: upserted (new or replaced), expired, or removed. */
export interface HistoryChange {
  op: 'upsert' | 'expire' | 'remove';
  id: string;
}

export interface EventHistoryOptions {
  maxEvents: number;
  ownerOf?: OwnerLookup;
  now?: () => number;
}

/**
 * EventHistory is the Events view's record: every live event plus the events the API server
 * deleted (TTL expiry, or lost from sight: a relist tombstone or a disconnected context), which
 * stay as expired rows. It holds at most `maxEvents` rows: the earliest-expired go first, then,
 * only if live events alone exceed the bound, the live ones last seen longest ago. An expired
 * event that comes back (same id) is live again. Rows are replaced, never mutated.
 */
export class EventHistory {
  private readonly rows = new Map<string, EventRow>();
  /** Expired ids in the order they expired (a Set iterates in insertion order). */
  private readonly expiredOrder = new Set<string>();
  /**
   * The live rows by lastSeen, for evicting live ones: built the first time live rows alone
   * exceed the bound, then kept (see LiveOrder).
   */
  private liveOrder: LiveOrder | undefined;
  private maxEvents: number;
  private readonly ownerOf: OwnerLookup | undefined;
  private readonly now: () => number;

  constructor(options: EventHistoryOptions) {
    this.maxEvents = Math.max(0, Math.floor(options.maxEvents));
    this.ownerOf = options.ownerOf;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.rows.size;
  }

  get expiredCount(): number {
    return this.expiredOrder.size;
  }

  get(id: string): EventRow | undefined {
    return this.rows.get(id);
  }

  /** list returns every row (a new array; the rows are shared and must not be mutated). */
  list(): EventRow[] {
    return [...this.rows.values()];
  }

  /** applyChanges folds an EventHub batch in, in order, and reports what changed. */
  applyChanges(changes: readonly EventChange[]): HistoryChange[] {
    const out: HistoryChange[] = [];
    for (const c of changes) {
      const id = c.event.id;
      if (c.type === 'upsert') {
        this.expiredOrder.delete(id);
        const row = toRow(c.event, this.ownerOf);
        this.rows.set(id, row);
        this.liveOrder?.add(row);
        out.push({ op: 'upsert', id });
      } else {
        const row = this.rows.get(id);
        if (!row || row.expired) continue;
        this.rows.set(id, { ...row, expired: 1, expiredAt: this.now() });
        this.expiredOrder.add(id);
        out.push({ op: 'expire', id });
      }
    }
    this.evict(out);
    return out;
  }

  /**
   * restore adds persisted rows that are not already known, as expired (live ones come back
   * through the hub), oldest expiry first; then enforces the bound.
   */
  restore(rows: readonly EventRow[]): HistoryChange[] {
    const out: HistoryChange[] = [];
    const now = this.now();
    const fresh = rows
      .filter((r) => !this.rows.has(r.id))
      .map((r): EventRow => (r.expired ? r : { ...r, expired: 1, expiredAt: r.expiredAt || now }))
      .sort((a, b) => a.expiredAt - b.expiredAt);
    // Restored rows expired before anything expired in this session: put them first in line.
    const later = [...this.expiredOrder];
    this.expiredOrder.clear();
    for (const r of fresh) {
      if (this.rows.has(r.id)) continue;
      this.rows.set(r.id, r);
      this.expiredOrder.add(r.id);
      out.push({ op: 'upsert', id: r.id });
    }
    for (const id of later) this.expiredOrder.add(id);
    this.evict(out);
    return out;
  }

  /** setMaxEvents changes the bound and evicts at once if needed. */
  setMaxEvents(maxEvents: number): HistoryChange[] {
    this.maxEvents = Math.max(0, Math.floor(maxEvents));
    const out: HistoryChange[] = [];
    this.evict(out);
    return out;
  }

  /** liveOrderSize is how many entries the live-eviction heap holds (for tests; 0 before it exists). */
  get liveOrderSize(): number {
    return this.liveOrder?.size ?? 0;
  }

  private evict(out: HistoryChange[]): void {
    const liveRows = () => [...this.rows.values()].filter((r) => !r.expired);
    // Upserts add heap entries whether or not live rows are evicted afterwards: keep it bounded.
    this.liveOrder?.compact(liveRows, this.rows.size - this.expiredOrder.size);
    let excess = this.rows.size - this.maxEvents;
    if (excess <= 0) return;
    for (const id of this.expiredOrder) {
      if (excess <= 0) break;
      this.expiredOrder.delete(id);
      this.rows.delete(id);
      out.push({ op: 'remove', id });
      excess--;
    }
    if (excess <= 0) return;
    // Only live rows are left to evict: the ones last seen longest ago go first.
    if (!this.liveOrder) {
      this.liveOrder = new LiveOrder();
      this.liveOrder.compact(liveRows, this.rows.size, true);
    }
    const current = (r: EventRow) => this.rows.get(r.id) === r;
    for (; excess > 0; excess--) {
      const row = this.liveOrder.popOldest(current);
      if (!row) break;
      this.rows.delete(row.id);
      out.push({ op: 'remove', id: row.id });
    }
    this.liveOrder.compact(liveRows, this.rows.size - this.expiredOrder.size);
  }
}
