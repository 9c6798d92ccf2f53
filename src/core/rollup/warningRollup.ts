import { isDeletedFinalStateUnknown, type DeletedFinalStateUnknown } from '../cache/deltas';
import { type ResourceEventHandler } from '../cache/handlers';
import { type KubeObject, type OwnerReference } from '../cache/types';
import { isWarning, normalizeEvent } from '../events/model';
import { ALL_KINDS } from '../kinds';
import { type Clock } from '../util/clock';
import { type Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { ChangeCollector, type RollupChange } from './changeCollector';
import { ExpiryQueue } from './expiryQueue';
import { IdentityRank, type NodeIdentity, OwnerForest } from './ownerForest';

export type { RollupChange } from './changeCollector';

/** WarningRollupOptions configure a WarningRollup; see the field comments for defaults. */
export interface WarningRollupOptions {
  clock: Clock;
  /** An event counts while its last seen is within this many ms. Default 3_600_000 (one hour). */
  windowMs?: number;
  /** Changes are gathered for this long and emitted as one RollupChange. Default 100. */
  coalesceMs?: number;
  /** Expiries are checked on multiples of this many ms (never early). Default 1000. */
  expiryResolutionMs?: number;
}

interface EventRecord {
  readonly key: string;
  target: string;
  counted: boolean;
  /** Last seen (ms), or when we first saw the event if it carries no time. */
  seenAt: number;
  count: number;
}

const PSEUDO = 'ref:';
const CLUSTER_SCOPED = new Set(ALL_KINDS.filter((k) => !k.namespaced).map((k) => k.kind));

/**
 * WarningRollup answers, for one context, "how many Warning events in the last hour are on this
 * object and everything it owns" (Deployment <- ReplicaSet <- Pod), and the same summed per
 * (namespace, kind), per namespace and for the context: the numbers behind the tree's badges.
 *
 * It is fed two streams: event changes (`eventHandler()`, or `observeEvent` / `removeEvent`) and
 * changes of owner-bearing objects (`objectHandler(kind)`, or `observeObject` / `removeObject`).
 * Either may come first: events of an object not cached yet wait on a placeholder that takes its
 * place in the owner tree once the object arrives.
 *
 * Contract:
 * - An event counts iff it is a Warning and its last seen (else the time it was first observed)
 *   is within `windowMs` of the clock's now. It stops counting when it leaves the window
 *   (checked by timer), is deleted, or stops being a Warning. It is matched to its object by
 *   involvedObject.uid, else by kind + namespace + name.
 * - `countFor(uid)` = the object's own counted events + those of its descendants, following
 *   each object's controller owner (else first owner reference). `countForKind(ns, kind)` is the
 *   sum of `countFor` over that kind's objects in the namespace; `countForNamespace(ns)` and
 *   `countForContext()` count each event once, by its object's namespace.
 * - Each change costs O(owner depth), never a recount. Owner cycles are cut (see OwnerForest).
 * - A deleted object keeps its place (and its parent) while its events still count, so a
 *   replaced Pod's warnings stay on its Deployment for the hour.
 * - `onDidChange` fires at most once per `coalesceMs`, naming what changed. Handlers MUST NOT
 *   mutate the objects they pass in. After `dispose()` no timer is pending.
 */
export class WarningRollup implements Disposable {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private readonly changes: ChangeCollector;
  private readonly forest: OwnerForest;
  private readonly expiry: ExpiryQueue<string>;
  private readonly records = new Map<string, EventRecord>();
  private readonly pseudoRecords = new Map<string, Set<EventRecord>>();
  private readonly byRef = new Map<string, string>();
  private readonly emitter = new Emitter<RollupChange>();
  private disposed = false;

  constructor(options: WarningRollupOptions) {
    this.clock = options.clock;
    this.windowMs = options.windowMs ?? 3_600_000;
    this.changes = new ChangeCollector({
      clock: this.clock,
      coalesceMs: options.coalesceMs ?? 100,
      isPlaceholder: (id) => id.startsWith(PSEUDO),
      contextCount: () => this.forest.countForContext(),
      emit: (change) => this.emitter.fire(change),
    });
    this.forest = new OwnerForest(this.changes);
    this.expiry = new ExpiryQueue<string>({
      clock: this.clock,
      resolutionMs: options.expiryResolutionMs ?? 1000,
      onExpired: (keys) => this.expire(keys),
    });
  }

  get onDidChange(): Event<RollupChange> {
    return this.emitter.event;
  }

  countFor(uid: string): number {
    return this.forest.countFor(uid);
  }

  countForKind(namespace: string, kind: string): number {
    return this.forest.countForKind(namespace, kind);
  }

  countForNamespace(namespace: string): number {
    return this.forest.countForNamespace(namespace);
  }

  countForContext(): number {
    return this.forest.countForContext();
  }

  /** trackedNodes is how many objects and placeholders are held (for tests and diagnostics). */
  get trackedNodes(): number {
    return this.forest.size;
  }

  /** eventHandler feeds an Event informer (core/v1 or events.k8s.io/v1, not both) into the rollup. */
  eventHandler(): ResourceEventHandler<KubeObject> {
    return {
      onAdd: (obj) => this.observeEvent(undefined, obj),
      onUpdate: (oldObj, newObj) => this.observeEvent(oldObj, newObj),
      onDelete: (obj) => this.removeEvent(obj),
    };
  }

  /** objectHandler feeds an informer of `kind` (list items may lack `kind`) into the rollup. */
  objectHandler(kind: string): ResourceEventHandler<KubeObject> {
    return {
      onAdd: (obj) => this.observeObject(obj, kind),
      onUpdate: (_old, obj) => this.observeObject(obj, kind),
      onDelete: (obj) => this.removeObject(obj, kind),
    };
  }

  /** observeEvent applies an added (`prev` undefined) or updated Event object. */
  observeEvent(_prev: KubeObject | undefined, next: KubeObject): void {
    if (this.disposed) return;
    const e = normalizeEvent(next);
    const old = this.records.get(e.key);
    if (!isWarning(e)) {
      if (old) this.dropRecord(old);
      return;
    }
    const now = this.clock.now();
    const target = this.resolveTarget(e.involved);
    const seenAt = e.lastSeen ?? (old && e.count <= old.count ? old.seenAt : now);
    const counted = seenAt + this.windowMs > now;
    const record: EventRecord = old ?? { key: e.key, target, counted: false, seenAt, count: e.count };
    if (!old) this.records.set(e.key, record);
    record.seenAt = seenAt;
    record.count = e.count;
    if (!old || old.target !== target) {
      this.forest.attach(target);
      if (counted) this.forest.addCounted(target, 1);
      this.trackPseudo(record, target);
      if (old) this.leaveTarget(record);
      record.target = target;
    } else if (counted !== record.counted) {
      this.forest.addCounted(target, counted ? 1 : -1);
    }
    record.counted = counted;
    if (counted) this.expiry.set(e.key, seenAt + this.windowMs);
    else this.expiry.delete(e.key);
  }

  /** removeEvent forgets a deleted Event object (or its tombstone). */
  removeEvent(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    if (this.disposed) return;
    const o = isDeletedFinalStateUnknown<KubeObject>(obj) ? obj.obj : obj;
    const record = this.records.get(normalizeEvent(o).key);
    if (record) this.dropRecord(record);
  }

  /** observeObject applies an added or updated owner-bearing object; `kind` when the object lacks one. */
  observeObject(obj: KubeObject, kind = ''): void {
    if (this.disposed) return;
    const meta = obj.metadata;
    const uid = meta.uid;
    if (!uid) return;
    const identity: NodeIdentity = {
      kind: obj.kind || kind,
      namespace: meta.namespace ?? '',
      name: meta.name ?? '',
    };
    this.forest.ensure(uid, identity, IdentityRank.Object);
    this.forest.setLive(uid, true);
    this.forest.setOwner(uid, ownerOf(meta.ownerReferences, identity.namespace));
    const ref = refKey(identity.kind, identity.namespace, identity.name);
    this.byRef.set(ref, uid);
    const waiting = this.pseudoRecords.get(PSEUDO + ref);
    if (waiting) for (const record of [...waiting]) this.retarget(record, uid);
  }

  /** removeObject applies a deleted object (or its tombstone). */
  removeObject(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>, kind = ''): void {
    if (this.disposed) return;
    const o = isDeletedFinalStateUnknown<KubeObject>(obj) ? obj.obj : obj;
    const uid = o.metadata.uid;
    if (!uid) return;
    const ref = refKey(o.kind || kind, o.metadata.namespace ?? '', o.metadata.name ?? '');
    if (this.byRef.get(ref) === uid) this.byRef.delete(ref);
    this.forest.setLive(uid, false);
  }

  /** flush emits the pending change now instead of after `coalesceMs`. */
  flush(): void {
    this.changes.flush();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.changes.dispose();
    this.expiry.dispose();
    this.emitter.dispose();
  }

  private resolveTarget(involved: { kind: string; namespace: string; name: string; uid: string }): string {
    const identity = { kind: involved.kind, namespace: involved.namespace, name: involved.name };
    const ref = refKey(involved.kind, involved.namespace, involved.name);
    const id = involved.uid || this.byRef.get(ref) || PSEUDO + ref;
    this.forest.ensure(id, identity, IdentityRank.Event);
    return id;
  }

  /** retarget moves a uid-less event from its placeholder to the object that has now arrived. */
  private retarget(record: EventRecord, uid: string): void {
    this.forest.attach(uid);
    if (record.counted) this.forest.addCounted(uid, 1);
    this.leaveTarget(record);
    record.target = uid;
  }

  /** leaveTarget takes the record off its current target (counter, attachment, placeholder set). */
  private leaveTarget(record: EventRecord): void {
    const target = record.target;
    if (record.counted) this.forest.addCounted(target, -1);
    const set = this.pseudoRecords.get(target);
    if (set) {
      set.delete(record);
      if (set.size === 0) this.pseudoRecords.delete(target);
    }
    this.forest.detach(target);
  }

  private trackPseudo(record: EventRecord, target: string): void {
    if (!target.startsWith(PSEUDO)) return;
    let set = this.pseudoRecords.get(target);
    if (!set) this.pseudoRecords.set(target, (set = new Set()));
    set.add(record);
  }

  private dropRecord(record: EventRecord): void {
    this.records.delete(record.key);
    this.expiry.delete(record.key);
    this.leaveTarget(record);
  }

  private expire(keys: string[]): void {
    for (const key of keys) {
      const record = this.records.get(key);
      if (!record?.counted) continue;
      record.counted = false;
      this.forest.addCounted(record.target, -1);
    }
  }
}

function refKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** ownerOf picks the parent: the controller owner reference, else the first with a uid. */
function ownerOf(
  refs: OwnerReference[] | undefined,
  namespace: string,
): (NodeIdentity & { uid: string }) | undefined {
  if (!refs || refs.length === 0) return undefined;
  const ref = refs.find((r) => r?.controller === true && r.uid) ?? refs.find((r) => r?.uid);
  if (!ref) return undefined;
  return {
    uid: ref.uid,
    kind: ref.kind ?? '',
    name: ref.name ?? '',
    namespace: CLUSTER_SCOPED.has(ref.kind) ? '' : namespace,
  };
}
