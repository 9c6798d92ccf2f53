import type { EventRow, ExpireEntry, SortColumn } from '../../protocol/events';
import { compileFilter, hasConditions, narrows, searchText, type StreamFilter, textTerms } from './filter';
import { SearchIndex } from './searchIndex';
import { comparator, type Comparator, insertionIndex, type SortKeys, sortKeys } from './sort';

/** StreamEntry is one row in the list model with its precomputed search and sort keys. */
export interface StreamEntry {
  readonly kind: 'event';
  row: EventRow;
  search: string;
  keys: SortKeys;
  /** The entry's slot in the model's SearchIndex (owned by the index). */
  slot: number;
}

/** ListDelta is a batch of changes, applied in the order upsert, expire, remove. */
export interface ListDelta {
  upsert?: readonly EventRow[];
  expire?: readonly ExpireEntry[];
  remove?: readonly string[];
}

/** Above this many changes in one batch the model re-sorts (TimSort on nearly sorted data). */
const RESORT_THRESHOLD = 256;

/**
 * EventListModel keeps every row once (keyed by id, so a repeat replaces its row in place) and
 * an array of them in the current sort order, maintained incrementally: small batches insert by
 * binary search, large ones re-sort. `version` rises on every change. Rows are never mutated;
 * entries are replaced field by field.
 */
export class EventListModel {
  private readonly entries = new Map<string, StreamEntry>();
  private readonly index = new SearchIndex<StreamEntry>();
  private sorted: StreamEntry[] = [];
  private cmp: Comparator;
  private column: SortColumn = 'lastSeen';
  private descending = true;
  version = 0;
  private order: Int32Array | undefined;
  private orderVersion = -1;

  constructor() {
    this.cmp = comparator(this.column, this.descending);
  }

  get size(): number {
    return this.entries.size;
  }

  get sort(): { column: SortColumn; descending: boolean } {
    return { column: this.column, descending: this.descending };
  }

  get(id: string): StreamEntry | undefined {
    return this.entries.get(id);
  }

  /** all returns every entry in sort order (do not mutate). */
  all(): readonly StreamEntry[] {
    return this.sorted;
  }

  /** reset replaces every row. */
  reset(rows: readonly EventRow[]): void {
    this.entries.clear();
    this.index.clear();
    this.sorted = [];
    this.apply({ upsert: rows });
  }

  setSort(column: SortColumn, descending: boolean): void {
    if (column === this.column && descending === this.descending) return;
    this.column = column;
    this.descending = descending;
    this.cmp = comparator(column, descending);
    this.sorted.sort(this.cmp);
    this.version++;
  }

  /** apply merges a batch; unknown ids in expire/remove are ignored. Returns the new ids. */
  apply(delta: ListDelta): string[] {
    const added: string[] = [];
    const upsert = delta.upsert ?? [];
    const bulk = upsert.length + (delta.remove?.length ?? 0) > RESORT_THRESHOLD;
    for (const row of upsert) {
      const old = this.entries.get(row.id);
      if (old) {
        if (!bulk) this.removeSorted(old);
        old.row = row;
        const search = searchText(row);
        if (search !== old.search) {
          old.search = search;
          this.index.update(old);
        }
        old.keys = sortKeys(row);
        if (!bulk) this.insertSorted(old);
      } else {
        const e: StreamEntry = { kind: 'event', row, search: searchText(row), keys: sortKeys(row), slot: -1 };
        this.entries.set(row.id, e);
        this.index.add(e);
        if (bulk) this.sorted.push(e);
        else this.insertSorted(e);
        added.push(row.id);
      }
    }
    for (const { id, at } of delta.expire ?? []) {
      const e = this.entries.get(id);
      if (e && !e.row.expired) e.row = { ...e.row, expired: 1, expiredAt: at };
    }
    const remove = delta.remove ?? [];
    if (remove.length) {
      const gone = new Set<StreamEntry>();
      for (const id of remove) {
        const e = this.entries.get(id);
        if (!e) continue;
        this.entries.delete(id);
        this.index.remove(e);
        if (bulk) gone.add(e);
        else this.removeSorted(e);
      }
      if (gone.size) this.sorted = this.sorted.filter((e) => !gone.has(e));
    }
    if (bulk) this.sorted.sort(this.cmp);
    this.version++;
    return added;
  }

  /**
   * slotOrder gives each sorted position's SearchIndex slot, so a text search walks a compact
   * Int32Array instead of every entry (rebuilt after any change).
   */
  slotOrder(): Int32Array {
    if (this.order && this.orderVersion === this.version) return this.order;
    const order = new Int32Array(this.sorted.length);
    for (let i = 0; i < order.length; i++) order[i] = this.sorted[i]!.slot;
    this.order = order;
    this.orderVersion = this.version;
    return order;
  }

  /** textHits marks the entries whose haystack holds every term: `hits[e.slot] === terms.length`. */
  textHits(terms: readonly string[]): Uint8Array {
    return this.index.search(terms);
  }

  private insertSorted(e: StreamEntry): void {
    this.sorted.splice(insertionIndex(this.sorted, e, this.cmp), 0, e);
  }

  private removeSorted(e: StreamEntry): void {
    const i = insertionIndex(this.sorted, e, this.cmp);
    if (this.sorted[i] === e) this.sorted.splice(i, 1);
    else {
      const j = this.sorted.indexOf(e);
      if (j !== -1) this.sorted.splice(j, 1);
    }
  }
}

/** Narrowing re-checks the previous result with includes() only when it is this small. */
const NARROW_MAX = 5_000;

/**
 * FilteredView applies a filter to a model and remembers its last result: when neither the model
 * nor the non-text filters changed and the new text only narrows the old one (typing), a small
 * previous result is re-checked instead of every row. Otherwise the text terms are looked up in
 * the model's SearchIndex and the other conditions checked per row.
 */
export class FilteredView {
  private last: { version: number; filter: StreamFilter; result: StreamEntry[]; sortKey: string } | undefined;

  constructor(private readonly model: EventListModel) {}

  compute(filter: StreamFilter): StreamEntry[] {
    const sort = this.model.sort;
    const sortKey = `${sort.column}:${sort.descending}`;
    const version = this.model.version;
    const last = this.last;
    if (last && last.version === version && last.sortKey === sortKey) {
      if (last.filter === filter) return last.result;
      if (last.result.length <= NARROW_MAX && narrows(last.filter, filter)) {
        const result = last.result.filter(compileFilter(filter));
        this.last = { version, filter, result, sortKey };
        return result;
      }
    }
    const terms = textTerms(filter.text);
    const rest = compileFilter({ ...filter, text: '' });
    let result: StreamEntry[];
    if (terms.length === 0) result = this.model.all().filter(rest);
    else {
      const hits = this.model.textHits(terms);
      const need = terms.length;
      const order = this.model.slotOrder();
      const all = this.model.all();
      const check = hasConditions(filter);
      result = [];
      for (let i = 0; i < order.length; i++) {
        if (hits[order[i]!] !== need) continue;
        const e = all[i]!;
        if (!check || rest(e)) result.push(e);
      }
    }
    this.last = { version, filter, result, sortKey };
    return result;
  }
}
