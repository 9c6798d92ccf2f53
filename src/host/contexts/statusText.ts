/**
 * statusText: how a context's status is put into words (tree rows, tooltips, the log), and which
 * status changes are transitions worth a log line and a tree refresh. No vscode import: unit-tested
 * under plain Node.
 */
import type { ContextStatus } from '../../core/cluster/status';

/**
 * describeStatus renders a context status as one short line. With `count` (tooltips, the log
 * line of a transition) a synced context says how many objects it caches; without it (the tree
 * row's description) the line changes only when the phase or its reason does.
 */
export function describeStatus(status: ContextStatus, o: { count?: boolean } = { count: true }): string {
  switch (status.phase) {
    case 'disconnected':
      return 'disconnected';
    case 'connecting':
      return 'connecting…';
    case 'synced': {
      const partial = status.partial ? ' (some kinds forbidden)' : '';
      return o.count ? `synced · ${status.objectCount} objects${partial}` : `synced${partial}`;
    }
    case 'retrying':
      return `retrying: ${status.reason}`;
    case 'forbidden':
      return `forbidden: ${status.reason}`;
    case 'error':
      return `error: ${status.reason}`;
  }
}

/** transitionKey is a status without its object count: equal keys mean "no transition". */
export function transitionKey(status: ContextStatus): string {
  return describeStatus(status, { count: false });
}

/**
 * StatusTransitions remembers each context's last transition key. `changed` reports whether a
 * new status is a transition (phase, reason or partial-ness changed), so a storm of object-count
 * updates (one per watch event) makes neither log lines nor tree refreshes: a refresh of a
 * context row makes VS Code drop and re-fetch its children, racing with a namespace being
 * expanded at the same moment ("No tree item with id … found").
 */
export class StatusTransitions {
  private readonly last = new Map<string, string>();

  changed(context: string, status: ContextStatus): boolean {
    const key = transitionKey(status);
    if (this.last.get(context) === key) return false;
    this.last.set(context, key);
    return true;
  }

  /** forget drops a context (removed from the kubeconfig). */
  forget(context: string): void {
    this.last.delete(context);
  }
}
