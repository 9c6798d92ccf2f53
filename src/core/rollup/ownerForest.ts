/** MAX_OWNER_DEPTH bounds every walk up the owner chain (real chains are 2-4 deep). */
export const MAX_OWNER_DEPTH = 32;

/** NodeIdentity names the object a node stands for. */
export interface NodeIdentity {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * IdentityRank orders where a node's identity came from: a cached object beats an owner
 * reference, which beats an event's involvedObject. A lower rank never overwrites a higher one.
 */
export const IdentityRank = { Event: 1, OwnerRef: 2, Object: 3 } as const;
export type IdentityRank = (typeof IdentityRank)[keyof typeof IdentityRank];

/** OwnerNode is one object (or object-to-be) in the forest. Read-only outside OwnerForest. */
export interface OwnerNode {
  readonly id: string;
  readonly identity: Readonly<NodeIdentity>;
  /** live: the object itself is cached (not only named by a child, an owner ref or an event). */
  readonly live: boolean;
  readonly parent: OwnerNode | undefined;
  /** own: counted events attached to this node. */
  readonly own: number;
  /** total: counted events on this node and on every node below it. */
  readonly total: number;
}

/** ChangeSink is told which counters changed. */
export interface ChangeSink {
  uid(id: string): void;
  kind(namespace: string, kind: string): void;
  namespace(namespace: string): void;
}

interface MutableNode {
  readonly id: string;
  identity: NodeIdentity;
  rank: number;
  live: boolean;
  /** The owner this node's object names (controller first), kept even when the link is refused. */
  desired: (NodeIdentity & { uid: string }) | undefined;
  parent: MutableNode | undefined;
  children: number;
  /** Event records attached, counted or not (keeps a placeholder alive). */
  attached: number;
  own: number;
  total: number;
}

/**
 * OwnerForest keeps, for one context, the single-parent owner tree of objects (each object's
 * parent is its controller owner, else its first owner reference) and counters kept exact
 * incrementally: per node `own` and `total` (own + descendants), per (namespace, kind) the sum
 * of its nodes' totals, and per namespace the sum of its nodes' `own`.
 *
 * Contract:
 * - Every counter change costs O(depth): `addCounted` walks the chain once; re-parenting moves
 *   the subtree's total off the old chain and onto the new one.
 * - The parent links always form a forest. A link that would close a cycle (or exceed
 *   MAX_OWNER_DEPTH) is refused and the node stays a root; refused links are retried whenever
 *   a link changes, so a cycle broken later heals.
 * - Nodes are created on demand (placeholders for owners and event targets not cached yet) and
 *   removed once nothing refers to them: not live, no attached events, no children.
 */
export class OwnerForest {
  private readonly nodes = new Map<string, MutableNode>();
  private readonly kindCounts = new Map<string, number>();
  private readonly namespaceCounts = new Map<string, number>();
  private readonly blocked = new Set<MutableNode>();
  private contextCount = 0;

  constructor(private readonly sink: ChangeSink) {}

  get size(): number {
    return this.nodes.size;
  }

  get(id: string): OwnerNode | undefined {
    return this.nodes.get(id);
  }

  countFor(id: string): number {
    return this.nodes.get(id)?.total ?? 0;
  }

  countForKind(namespace: string, kind: string): number {
    return this.kindCounts.get(kindKey(namespace, kind)) ?? 0;
  }

  countForNamespace(namespace: string): number {
    return this.namespaceCounts.get(namespace) ?? 0;
  }

  countForContext(): number {
    return this.contextCount;
  }

  /** namespaces lists the namespaces with a non-zero count. */
  namespaces(): string[] {
    return [...this.namespaceCounts.keys()];
  }

  /** ensure returns the node for `id`, creating it, and adopts `identity` if `rank` is high enough. */
  ensure(id: string, identity: NodeIdentity, rank: IdentityRank): OwnerNode {
    let node = this.nodes.get(id);
    if (!node) {
      node = {
        id,
        identity: { ...identity },
        rank,
        live: false,
        desired: undefined,
        parent: undefined,
        children: 0,
        attached: 0,
        own: 0,
        total: 0,
      };
      this.nodes.set(id, node);
    } else if (rank >= node.rank) {
      this.setIdentity(node, identity, rank);
    }
    return node;
  }

  /** setLive marks whether the node's object is cached; a node no longer live may be removed. */
  setLive(id: string, live: boolean): void {
    const node = this.nodes.get(id);
    if (!node) return;
    node.live = live;
    if (!live) this.release(node);
  }

  /**
   * setOwner links `id` under `owner` (undefined: make it a root). The owner's node is created as
   * a placeholder if needed. The link is refused (the node stays a root) if it would close a cycle.
   */
  setOwner(id: string, owner: (NodeIdentity & { uid: string }) | undefined): void {
    const node = this.nodes.get(id);
    if (!node) return;
    if (sameOwner(node.desired, owner) && (node.parent !== undefined || owner === undefined)) return;
    node.desired = owner ? { ...owner } : undefined;
    this.blocked.delete(node);
    const old = node.parent;
    if (old?.id !== owner?.uid) {
      if (old) this.unlink(node);
      if (owner) this.tryLink(node);
      if (old) this.release(old);
    }
    this.retryBlocked();
  }

  /** attach / detach count an event record against a node (counted or not), for garbage collection. */
  attach(id: string): void {
    const node = this.nodes.get(id);
    if (node) node.attached++;
  }

  detach(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    node.attached--;
    this.release(node);
  }

  /** addCounted adds `delta` counted events to the node: own, its namespace, the chain's totals. */
  addCounted(id: string, delta: number): void {
    const node = this.nodes.get(id);
    if (!node || delta === 0) return;
    node.own += delta;
    this.contextCount += delta;
    this.bump(this.namespaceCounts, node.identity.namespace, delta);
    this.sink.namespace(node.identity.namespace);
    this.addAlongChain(node, delta);
  }

  private setIdentity(node: MutableNode, identity: NodeIdentity, rank: number): void {
    node.rank = rank;
    const old = node.identity;
    if (old.kind === identity.kind && old.namespace === identity.namespace && old.name === identity.name)
      return;
    node.identity = { ...identity };
    if (node.total !== 0) {
      this.bumpKind(old, -node.total);
      this.bumpKind(identity, node.total);
      this.sink.uid(node.id);
    }
    if (node.own !== 0 && old.namespace !== identity.namespace) {
      this.bump(this.namespaceCounts, old.namespace, -node.own);
      this.bump(this.namespaceCounts, identity.namespace, node.own);
      this.sink.namespace(old.namespace);
      this.sink.namespace(identity.namespace);
    }
  }

  private tryLink(node: MutableNode): void {
    const want = node.desired;
    if (!want) return;
    const parent = this.ensure(want.uid, want, IdentityRank.OwnerRef) as MutableNode;
    if (!this.canLink(node, parent)) {
      this.blocked.add(node);
      this.release(parent);
      return;
    }
    node.parent = parent;
    parent.children++;
    this.addAlongChain(parent, node.total);
  }

  private unlink(node: MutableNode): void {
    const parent = node.parent;
    if (!parent) return;
    this.addAlongChain(parent, -node.total);
    parent.children--;
    node.parent = undefined;
  }

  /** canLink: `parent`'s chain neither contains `node` nor runs past MAX_OWNER_DEPTH. */
  private canLink(node: MutableNode, parent: MutableNode): boolean {
    let depth = 0;
    for (let a: MutableNode | undefined = parent; a; a = a.parent) {
      if (a === node || ++depth > MAX_OWNER_DEPTH) return false;
    }
    return true;
  }

  private retryBlocked(): void {
    if (this.blocked.size === 0) return;
    for (const node of [...this.blocked]) {
      if (!this.blocked.has(node) || node.parent || !node.desired) continue;
      const parent = this.nodes.get(node.desired.uid);
      if (parent && !this.canLink(node, parent)) continue;
      this.blocked.delete(node);
      this.tryLink(node);
    }
  }

  private addAlongChain(start: MutableNode, delta: number): void {
    if (delta === 0) return;
    let depth = 0;
    for (let a: MutableNode | undefined = start; a && depth <= MAX_OWNER_DEPTH; a = a.parent, depth++) {
      a.total += delta;
      this.bumpKind(a.identity, delta);
      this.sink.uid(a.id);
    }
  }

  /** release removes a node nothing refers to any more, then looks at its parent. */
  private release(start: MutableNode): void {
    let node: MutableNode | undefined = start;
    for (let depth = 0; node && depth <= MAX_OWNER_DEPTH; depth++) {
      if (node.live || node.attached > 0 || node.children > 0 || this.nodes.get(node.id) !== node) return;
      this.nodes.delete(node.id);
      this.blocked.delete(node);
      const parent: MutableNode | undefined = node.parent;
      if (parent) this.unlink(node);
      node = parent;
    }
  }

  private bumpKind(identity: NodeIdentity, delta: number): void {
    this.bump(this.kindCounts, kindKey(identity.namespace, identity.kind), delta);
    this.sink.kind(identity.namespace, identity.kind);
  }

  private bump(map: Map<string, number>, key: string, delta: number): void {
    const next = (map.get(key) ?? 0) + delta;
    if (next === 0) map.delete(key);
    else map.set(key, next);
  }
}

function kindKey(namespace: string, kind: string): string {
  return `${namespace}\u0000${kind}`;
}

function sameOwner(
  a: (NodeIdentity & { uid: string }) | undefined,
  b: (NodeIdentity & { uid: string }) | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.uid === b.uid && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}
