/**
 * statusText: how a context's status is put into words (tree rows, tooltips, the log), and which
 * status changes are transitions worth a log line and a tree refresh. No vscode import: unit-tested
 * under plain Node.
 */
import type { ContextStatus } from '../../core/cluster/status';
import { englishL10n, type Localizer } from '../../core/util/l10n';

/**
 * describeStatus renders a context status as one short line. With `count` (tooltips, the log
 * line of a transition) a synced context says how many objects it caches; without it (the tree
 * row's description) the line changes only when the phase or its reason does. The phrases are
 * put in the user's language by `l10n` (the host passes `vscode.l10n`; English by default: the
 * log and the transition keys stay English).
 */
export function describeStatus(
  status: ContextStatus,
  o: { count?: boolean } = { count: true },
  l10n: Localizer = englishL10n,
): string {
  switch (status.phase) {
    case 'disconnected':
      return l10n.t('disconnected');
    case 'connecting':
      return l10n.t('connecting…');
    case 'synced':
      if (o.count)
        return status.partial
          ? l10n.t('synced · {0} objects (some kinds forbidden)', status.objectCount)
          : l10n.t('synced · {0} objects', status.objectCount);
      return status.partial ? l10n.t('synced (some kinds forbidden)') : l10n.t('synced');
    case 'retrying':
      return l10n.t('retrying: {0}', status.reason);
    case 'forbidden':
      return l10n.t('forbidden: {0}', status.reason);
    case 'error':
      return l10n.t('error: {0}', status.reason);
  }
}

/** phaseText names a context phase on its own (a quick pick's description, `prod: connecting…`). */
export function phaseText(phase: ContextStatus['phase'], l10n: Localizer = englishL10n): string {
  switch (phase) {
    case 'disconnected':
      return l10n.t('disconnected');
    case 'connecting':
      return l10n.t('connecting');
    case 'synced':
      return l10n.t('synced');
    case 'retrying':
      return l10n.t('retrying');
    case 'forbidden':
      return l10n.t('forbidden');
    case 'error':
      return l10n.t('error');
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
