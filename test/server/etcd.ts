/**
 * etcd: the storage layer under the API server. One global revision counter for every resource,
 * each resource's keyspace (Storage) with its history, and compaction: versions older than
 * `compactionWindowMs` are forgotten (kube-apiserver compacts etcd every 5 minutes by default),
 * so exact reads at an older resourceVersion and continue tokens from one get 410 Expired.
 *
 * etcd serves what the watch cache cannot (see listRouting.ts): exact reads
 * (`resourceVersion=N` with a limit, or resourceVersionMatch=Exact), continue tokens, and
 * quorum reads (`resourceVersion=""`). It keeps its history long after the watch cache has let
 * it go, which is why an exact read after a watch 410 returns the same old state again.
 */
import type { Storage } from './storage';

/** EtcdOptions: the compaction window and the clock it is measured with. */
export interface EtcdOptions {
  /** Versions older than this are compacted (default 300000 ms, the apiserver's compaction interval). */
  compactionWindowMs: number;
  now: () => number;
  /** Hard bound on remembered revisions, whatever their age (default 1,000,000). */
  maxRevisions?: number;
}

/** Etcd owns the global revision and decides compaction for every keyspace it holds. */
export class Etcd {
  private rv = 0;
  private readonly storages: Storage[] = [];
  /** Write times, oldest first, of the revisions after compactedRv: what time-based compaction reads. */
  private times: Array<{ rv: number; at: number }> = [];
  private timesStart = 0;
  private readonly opts: EtcdOptions;
  private readonly maxRevisions: number;
  /** compactedRv: reads "as of" an older revision fail with 410 (etcd: "required revision has been compacted"). */
  compactedRv = 0;

  constructor(opts: EtcdOptions) {
    this.opts = opts;
    this.maxRevisions = Math.max(1, opts.maxRevisions ?? 1_000_000);
  }

  /** add registers a keyspace whose history this etcd compacts. */
  add(storage: Storage): void {
    this.storages.push(storage);
  }

  /** remove forgets a keyspace (its resource is no longer served). */
  remove(storage: Storage): void {
    const i = this.storages.indexOf(storage);
    if (i >= 0) this.storages.splice(i, 1);
  }

  currentRv(): number {
    return this.rv;
  }

  /** nextRv allocates the revision of one write and records when it happened. */
  nextRv(): number {
    this.compactDue();
    this.rv++;
    this.times.push({ rv: this.rv, at: this.opts.now() });
    if (this.times.length - this.timesStart > this.maxRevisions) {
      this.compact(this.times[this.timesStart + 1]!.rv);
    }
    return this.rv;
  }

  /** isCompacted tells whether reads "as of" `rv` can no longer be served (after due compaction). */
  isCompacted(rv: number): boolean {
    this.compactDue();
    return rv < this.compactedRv;
  }

  /**
   * compact forgets every revision before `rv` (default: the current one), as `etcdctl compact`
   * does: exact reads and continue tokens at older versions get 410 from now on.
   */
  compact(rv = this.rv): void {
    if (rv <= this.compactedRv) return;
    this.compactedRv = rv;
    // A Storage forgets the changes it no longer needs: those at or before the compacted revision.
    for (const s of this.storages) s.compact(rv);
    while (this.timesStart < this.times.length && this.times[this.timesStart]!.rv < rv) this.timesStart++;
    if (this.timesStart >= 1024) {
      this.times = this.times.slice(this.timesStart);
      this.timesStart = 0;
    }
  }

  /** compactDue compacts to the newest revision written at least `compactionWindowMs` ago. */
  private compactDue(): void {
    const cutoff = this.opts.now() - this.opts.compactionWindowMs;
    let target = 0;
    for (let i = this.timesStart; i < this.times.length && this.times[i]!.at <= cutoff; i++) {
      target = this.times[i]!.rv;
    }
    if (target > this.compactedRv) this.compact(target);
  }
}
