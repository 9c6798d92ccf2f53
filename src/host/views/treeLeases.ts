import type { ResourceKind } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import type { KindNode, TreeNode } from './nodes';

/** KindLeaser is what a kind node's lease needs of a session (a ClusterSession fits). */
export interface KindLeaser {
  acquire(kind: ResourceKind, namespace?: string): Disposable;
}

/**
 * leaseKindNode takes the narrowest lease a kind node needs: a node under namespace N leases the
 * kind in N only (a LIST and WATCH of N); a node under the context, cluster-wide. No session: an
 * inert lease.
 */
export function leaseKindNode(session: KindLeaser | undefined, node: KindNode): Disposable {
  return session?.acquire(node.kind, node.namespace) ?? { dispose() {} };
}

/**
 * TreeLeases holds one lease per expanded lazy kind node of the tree: taken when VS Code asks
 * for the node's children, released when the node or one of its ancestors collapses, when its
 * context goes away, or when the view is hidden (the kind then stops after its idle delay; a
 * view shown again asks for the children again). Pure bookkeeping: no vscode import.
 */
export class TreeLeases implements Disposable {
  private readonly leases = new Map<KindNode, Disposable>();

  constructor(private readonly acquire: (node: KindNode) => Disposable) {}

  /** hold takes `node`'s lease unless it holds one already. */
  hold(node: KindNode): void {
    if (!this.leases.has(node)) this.leases.set(node, this.acquire(node));
  }

  holds(node: KindNode): boolean {
    return this.leases.has(node);
  }

  /** held lists the nodes holding a lease. */
  held(): KindNode[] {
    return [...this.leases.keys()];
  }

  /** releaseUnder releases the leases of `node` and of every kind node below it. */
  releaseUnder(node: TreeNode): KindNode[] {
    return this.releaseWhere((k) => isUnder(k, node));
  }

  /** releaseContext releases every lease of a context (it disconnected). */
  releaseContext(context: string): KindNode[] {
    return this.releaseWhere((k) => k.context === context);
  }

  /** releaseAll releases every lease and returns the nodes that held one. */
  releaseAll(): KindNode[] {
    return this.releaseWhere(() => true);
  }

  dispose(): void {
    this.releaseAll();
  }

  private releaseWhere(pred: (k: KindNode) => boolean): KindNode[] {
    const out: KindNode[] = [];
    for (const [node, lease] of [...this.leases]) {
      if (!pred(node)) continue;
      this.leases.delete(node);
      lease.dispose();
      out.push(node);
    }
    return out;
  }
}

function isUnder(node: TreeNode, ancestor: TreeNode): boolean {
  for (let n: TreeNode | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
