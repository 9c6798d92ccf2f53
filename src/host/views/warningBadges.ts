import * as vscode from 'vscode';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import { kindsOfSection, sectionWarningCount } from '../../core/discovery/grouping';
import { EVENTS } from '../../core/kinds';
import { WarningRollup } from '../../core/rollup/warningRollup';
import { realClock } from '../../core/util/clock';
import { type Connections, WATCHED_KINDS } from '../contexts/connections';
import { objectKey } from '../describe/describeProvider';
import type { TreeNode } from './nodes';
import { nodeIdOf } from './uris';

/**
 * WarningBadges puts a badge on tree items: the number of Warning events of the last hour on the
 * object and its descendants (Deployment <- ReplicaSet <- Pod), rolled up to kind, section, namespace and
 * context, from one WarningRollup per connected context. The view's own badge shows the total.
 */
export class WarningBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri[]>();
  /** The badge number last served per resource URI, so that a change names only what moved. */
  private readonly served = new Map<string, { uri: vscode.Uri; count: number }>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private readonly rollups = new Map<string, { rollup: WarningRollup; subs: { dispose(): void }[] }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connections: Connections,
    private readonly nodeOf: (id: string) => TreeNode | undefined,
    private readonly onTotal: (total: number) => void,
  ) {
    const sub = connections.manager.onDidChangeSession(({ name, session }) => this.onSession(name, session));
    this.disposables.push(
      this.emitter,
      vscode.window.registerFileDecorationProvider(this),
      new vscode.Disposable(() => sub.dispose()),
    );
  }

  private onSession(context: string, session: ClusterSession | undefined): void {
    const old = this.rollups.get(context);
    if (old) {
      for (const s of old.subs) s.dispose();
      old.rollup.dispose();
      this.rollups.delete(context);
      this.changed();
    }
    if (!session) return;
    const rollup = new WarningRollup({ clock: realClock, coalesceMs: 250 });
    const subs = [session.addEventHandler(EVENTS, rollup.eventHandler())];
    for (const kind of WATCHED_KINDS) {
      if (kind !== EVENTS) subs.push(session.addEventHandler(kind, rollup.objectHandler(kind.kind)));
    }
    subs.push(rollup.onDidChange(() => this.changed()));
    this.rollups.set(context, { rollup, subs });
  }

  /**
   * changed tells VS Code which badges moved, by URI. Never `fire(undefined)`: VS Code then drops
   * every decoration of the provider and asks again, so all badges blink off for a round trip
   * to the extension host on each Warning.
   */
  private changed(): void {
    const moved: vscode.Uri[] = [];
    for (const [key, s] of this.served) {
      const id = nodeIdOf(s.uri);
      const node = id === undefined ? undefined : this.nodeOf(id);
      const count = node ? this.countFor(node) : 0;
      if (count !== s.count) moved.push(s.uri);
      if (!node) this.served.delete(key);
    }
    if (moved.length > 0) this.emitter.fire(moved);
    this.onTotal(this.total());
  }

  /** total is the number of recent Warning events across connected contexts. */
  total(): number {
    let n = 0;
    for (const { rollup } of this.rollups.values()) n += rollup.countForContext();
    return n;
  }

  /** countFor returns a node's badge number (0: no badge). */
  countFor(node: TreeNode): number {
    if (node.type === 'message') return 0;
    const rollup = this.rollups.get(node.context)?.rollup;
    if (!rollup) return 0;
    switch (node.type) {
      case 'context':
        return rollup.countForContext();
      case 'namespace':
        return rollup.countForNamespace(node.namespace);
      case 'section': {
        // The sum of its kind nodes' badges (same rule: a cluster-scoped kind node has none).
        const ns = node.namespace;
        if (ns === undefined) return 0;
        const kinds = kindsOfSection(this.connections.kindsOf(node.context), node.section.id, {
          namespaced: true,
          eager: WATCHED_KINDS,
        });
        return sectionWarningCount(kinds, (kind) => rollup.countForKind(ns, kind));
      }
      case 'kind':
        return node.namespace === undefined ? 0 : rollup.countForKind(node.namespace, node.kind.kind);
      case 'object': {
        const obj = this.connections.session(node.context)?.storeOf(node.kind)?.get(objectKey(node));
        return obj?.metadata.uid ? rollup.countFor(obj.metadata.uid) : 0;
      }
    }
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const id = nodeIdOf(uri);
    const node = id === undefined ? undefined : this.nodeOf(id);
    if (!node) return undefined;
    const n = this.countFor(node);
    this.served.set(uri.toString(), { uri, count: n });
    if (n <= 0) return undefined;
    return {
      badge: n > 99 ? '99' : String(n),
      color: new vscode.ThemeColor('list.warningForeground'),
      tooltip: badgeTooltip(n, node.type === 'object'),
      propagate: false,
    };
  }

  dispose(): void {
    for (const { rollup, subs } of this.rollups.values()) {
      for (const s of subs) s.dispose();
      rollup.dispose();
    }
    this.rollups.clear();
    this.served.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** badgeTooltip says what a badge counts; an object's count includes its descendants'. */
function badgeTooltip(n: number, object: boolean): string {
  if (object)
    return n === 1
      ? vscode.l10n.t('1 Warning event in the last hour (with its descendants)')
      : vscode.l10n.t('{0} Warning events in the last hour (with its descendants)', n);
  return n === 1
    ? vscode.l10n.t('1 Warning event in the last hour')
    : vscode.l10n.t('{0} Warning events in the last hour', n);
}
