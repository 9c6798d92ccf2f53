import * as vscode from 'vscode';
import { NAMESPACE_INDEX } from '../../core/cache/indexers';
import type { KubeObject } from '../../core/cache/types';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import { groupLazyKinds } from '../../core/discovery/grouping';
import { sectionOf } from '../../core/discovery/sections';
import { EVENTS, kindId, NAMESPACES, NODES, type ResourceKind } from '../../core/kinds';
import { type Connections, WATCHED_KINDS } from '../contexts/connections';
import { toVsDisposable } from '../disposables';
import { ChangeCoalescer } from '../../core/util/coalescer';
import { type KubeconfigProblem, problemLocation } from '../../core/welcome/welcomeState';
import { contextTooltip, objectTooltip, treeItemFor } from './items';
import { type KindNode, NodeCache, type SectionNode, type TreeNode } from './nodes';
import { leaseKindNode, TreeLeases } from './treeLeases';

/** The namespaced kinds shown under each namespace, in display order. */
export const NAMESPACED_KINDS: readonly ResourceKind[] = WATCHED_KINDS.filter(
  (k) => k.namespaced && k !== EVENTS,
);
/** How long a connecting context's children wait for its first sync before showing "Loading…". */
export const CONNECT_WAIT_MS = 10_000;

/** The cluster-scoped kinds shown directly under a context. */
export const CLUSTER_KINDS: readonly ResourceKind[] = [NODES, NAMESPACES];

const EAGER_IDS = new Set(WATCHED_KINDS.map(kindId));
/** isEagerKind: one of the always-watched kinds, shown first and without a section. */
export const isEagerKind = (k: ResourceKind): boolean => EAGER_IDS.has(kindId(k));
/** How long a Reveal waits for a lazy kind's first list before revealing anyway. */
export const REVEAL_WAIT_MS = 10_000;

export interface ResourceTreeOptions {
  connections: Connections;
  /** The `kubeEvents.namespaces` allow-list (empty: all). */
  namespaces: () => readonly string[];
  /** Contexts connected at start are shown expanded. */
  initiallyExpanded: (context: string) => boolean;
  /** The kubeconfig files that could not be read: one error row each, above the contexts. */
  problems?: () => readonly KubeconfigProblem[];
  now?: () => number;
  /** topCause: the one-line likely cause of an object's newest Warning, for its tooltip (on hover only). */
  topCause?: (node: TreeNode & { type: 'object' }) => { reason: string; cause: string } | undefined;
}

/**
 * ResourceTreeProvider serves the Clusters tree (context > namespace > kind > object) from the
 * informer caches only: getChildren never touches the network. Informer changes mark the
 * affected nodes dirty; a ChangeCoalescer refreshes them at most a few times a second. Expanding
 * a disconnected context connects it.
 */
export class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly nodes = new NodeCache({ isEager: isEagerKind, sectionOf });
  /** The leases of the expanded lazy kind nodes (see TreeLeases). */
  readonly leases: TreeLeases;
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly coalescer: ChangeCoalescer<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly now: () => number;
  /** The ids of the rows the root last answered with (undefined: not asked yet). */
  private shownRoot: string | undefined;

  constructor(private readonly options: ResourceTreeOptions) {
    this.now = options.now ?? Date.now;
    this.leases = new TreeLeases((node) => leaseKindNode(options.connections.session(node.context), node));
    this.coalescer = new ChangeCoalescer<TreeNode>({
      delayMs: 250,
      maxItems: 200,
      fire: (nodes) => this.emitter.fire(nodes),
    });
    const { connections } = options;
    this.disposables.push(
      this.emitter,
      connections.onDidChange((name) => {
        if (name !== undefined) this.coalescer.add(this.nodes.context(name));
        // The context list was re-read: refresh from the root only if its rows changed, since a
        // root refresh makes VS Code drop every row while it may be expanding one.
        else if (this.rootChanged()) this.coalescer.all();
      }),
      connections.onDidChangeObject(({ context, kind, type, obj }) =>
        type === 'update'
          ? this.objectChanged(context, kind, obj)
          : this.membershipChanged(context, kind, obj),
      ),
      toVsDisposable(
        connections.manager.onDidChangeSession(({ name }) => {
          this.leases.releaseContext(name);
          this.nodes.forgetContext(name);
        }),
      ),
      connections.onDidChangeKinds(({ context, kind, type, namespace }) =>
        this.kindsChanged(context, kind, type, namespace),
      ),
      this.leases,
    );
  }

  /**
   * kindsChanged refreshes what a discovery change (`kind` undefined: the context's sections) or
   * a lazy kind's start, stop, scope or status change (its nodes) affects.
   */
  private kindsChanged(
    context: string,
    kind: ResourceKind | undefined,
    type?: string,
    namespace?: string,
  ): void {
    if (kind === undefined) {
      if (this.options.connections.status(context).phase !== 'connecting')
        this.coalescer.add(this.nodes.context(context));
      return;
    }
    // A start or stop changes every node of the kind (count, expandability); a status change
    // (object counts, sync) only matters to the open ones.
    // A namespace's scope coming or going changes that namespace's node only.
    const id = kindId(kind);
    if (type === 'scope' && namespace !== undefined) {
      const node = this.nodes.peekKind(context, namespace, kind);
      if (node) this.coalescer.add(node);
      return;
    }
    const nodes =
      type === 'status'
        ? this.leases.held().filter((n) => n.context === context && kindId(n.kind) === id)
        : this.nodes.kindNodes(context, kind);
    for (const node of nodes) this.coalescer.add(node);
  }

  /** collapsed releases the leases of a collapsed node and of the kind nodes below it. */
  collapsed(node: TreeNode): void {
    this.leases.releaseUnder(node);
  }

  /**
   * visibilityChanged: a hidden view keeps no lazy kind running (each stops after its idle
   * delay); shown again, the kind nodes that were open are refreshed, which asks for their
   * children and so takes their leases again.
   */
  visibilityChanged(visible: boolean): void {
    if (!visible) this.hiddenLeases = this.leases.releaseAll();
    else {
      for (const n of this.hiddenLeases) this.coalescer.add(n);
      this.hiddenLeases = [];
    }
  }

  private hiddenLeases: KindNode[] = [];

  /**
   * prepareReveal makes an object's kind ready to be revealed: a lazy kind's lease is taken (as
   * if its node were expanded) and its first list awaited, at most REVEAL_WAIT_MS. The refreshes
   * that the kind's start and sync queued are then delivered at once: VS Code's `reveal` waits
   * for the refreshes already fired, whereas one fired while it expands the kind's row may race
   * with that expansion (suspected, not proven, cause of one kinds.ui.ts run where the kind row
   * stayed collapsed and nothing was selected; later runs passed with and without this flush).
   */
  async prepareReveal(node: KindNode): Promise<void> {
    const session = this.options.connections.session(node.context);
    if (!session || session.isEager(node.kind)) return;
    this.leases.hold(node);
    const ready = () => {
      const phase = session.kindStatusOf(node.kind, node.namespace).phase;
      return phase === 'synced' || phase === 'forbidden' || phase === 'retrying' || phase === 'stopped';
    };
    if (!ready()) await this.whenKindReady(node, ready);
    this.coalescer.flush();
  }

  /** whenKindReady resolves when `ready()` holds after a change of `node`'s context's kinds, or after REVEAL_WAIT_MS. */
  private whenKindReady(node: KindNode, ready: () => boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = setTimeout(done, REVEAL_WAIT_MS);
      const sub = this.options.connections.onDidChangeKinds((c) => {
        if (c.context === node.context && ready()) done();
      });
    });
  }

  private membershipChanged(context: string, kind: ResourceKind, obj: KubeObject): void {
    const ns = kind.namespaced ? obj.metadata.namespace : undefined;
    const kindNode = this.nodes.peekKind(context, ns, kind);
    if (kindNode) this.coalescer.add(kindNode);
    // A namespace appearing or disappearing changes the context's children; while the context is
    // connecting its children wait for the sync (contextChildren), whose transition refreshes it.
    if (this.options.connections.status(context).phase === 'connecting') return;
    if (kind === NAMESPACES || (ns !== undefined && !this.nodes.peekNamespace(context, ns))) {
      this.coalescer.add(this.nodes.context(context));
    }
  }

  private objectChanged(context: string, kind: ResourceKind, obj: KubeObject): void {
    const ns = kind.namespaced ? obj.metadata.namespace : undefined;
    const node = this.nodes.peekObject(context, kind, ns, obj.metadata.name ?? '');
    if (node) this.coalescer.add(node);
  }

  /**
   * refreshRoot re-renders the tree from the root only when the root's rows changed (a kubeconfig
   * error row came or went): a root refresh drops every row VS Code holds.
   */
  refreshRoot(): void {
    if (this.rootChanged()) this.coalescer.all();
  }

  /** refreshAll re-renders the whole tree (the Refresh command, settings changes). */
  refreshAll(): void {
    this.coalescer.all();
  }

  /** refreshNodes re-renders the given nodes soon (e.g. their warning badges changed). */
  refreshNodes(nodes: readonly TreeNode[]): void {
    for (const n of nodes) this.coalescer.add(n);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemFor(node, {
      connections: this.options.connections,
      now: this.now(),
      initiallyExpanded: this.options.initiallyExpanded,
      countOf: (k) => this.objectsOf(k).length,
    });
  }

  /**
   * resolveTreeItem fills tooltips on hover: a context row's live object count; an object's
   * likely cause of its newest Warning (computed only when hovered).
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'context') item.tooltip = contextTooltip(node, this.options);
    if (node.type === 'object')
      item.tooltip = objectTooltip(
        node,
        { connections: this.options.connections, now: this.now() },
        this.options.topCause?.(node),
      );
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(): TreeNode[] | Promise<TreeNode[]>;
  getChildren(node: TreeNode): TreeNode[] | Promise<TreeNode[]>;
  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    const { connections } = this.options;
    if (!node) {
      // Asked before start-up has read the kubeconfig (the turn after activate): answer then,
      // rather than with an empty tree and a refresh.
      if (!connections.started) return connections.whenStarted.then(() => this.getChildren() as TreeNode[]);
      const rows = [...this.problemRows(), ...connections.contexts().map((c) => this.nodes.context(c.name))];
      this.shownRoot = rootKey(rows);
      return rows;
    }
    switch (node.type) {
      case 'context':
        return this.connecting(node.context)
          ? this.whenConnected(node.context).then(() => this.contextChildren(node.context))
          : this.contextChildren(node.context);
      case 'namespace':
        return [
          ...NAMESPACED_KINDS.map((k) => this.nodes.kind(node.context, node.namespace, k)),
          ...this.sectionsOf(node.context, node.namespace),
        ];
      case 'section':
        return this.sectionKinds(node);
      case 'kind':
        if (!isEagerKind(node.kind)) return this.lazyChildren(node);
        return this.nodes.objects(
          node,
          this.objectsOf(node)
            .map((o) => o.metadata.name ?? '')
            .sort(),
        );
      default:
        return [];
    }
  }

  /** problemRows are the kubeconfig errors: `config:3:5` and the reason; a click opens the file there. */
  private problemRows(): TreeNode[] {
    return (this.options.problems?.() ?? []).map((p, i) => {
      const where = problemLocation(p, (f) => f.split(/[\\/]/).pop() ?? f);
      return this.nodes.message(
        undefined,
        `kubeconfig-${i}`,
        vscode.l10n.t('Cannot read {0}', where),
        'error',
        `${problemLocation(p)}: ${p.reason}`,
        {
          description: p.reason,
          open: { path: p.path, line: p.line, column: p.column },
        },
      );
    });
  }

  /** rootChanged reports whether the root's rows differ from what it last answered with. */
  private rootChanged(): boolean {
    const { connections } = this.options;
    if (!connections.started || this.shownRoot === undefined) return true;
    const rows = [...this.problemRows(), ...connections.contexts().map((c) => this.nodes.context(c.name))];
    return rootKey(rows) !== this.shownRoot;
  }

  private connecting(context: string): boolean {
    return this.options.connections.status(context).phase === 'connecting';
  }

  /**
   * whenConnected resolves when `context` leaves `connecting`, or after CONNECT_WAIT_MS. A
   * connecting context's children are answered then, in one piece: namespaces shown while the
   * first lists arrive would be dropped and re-fetched by VS Code at the sync's row refresh, and
   * one being expanded at that moment would find its handle gone ("No tree item with id").
   */
  private whenConnected(context: string): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      const sub = this.options.connections.onDidChange((name) => {
        if ((name === context || name === undefined) && !this.connecting(context)) done();
      });
    });
  }

  private contextChildren(context: string): TreeNode[] {
    const { connections } = this.options;
    const parent = this.nodes.context(context);
    const status = connections.status(context);
    if (status.phase === 'disconnected') {
      connections.manager.connect(context);
      return [this.nodes.message(parent, 'connecting', vscode.l10n.t('Connecting…'), 'info')];
    }
    if (status.phase === 'error') {
      return [this.nodes.message(parent, 'error', status.reason, 'error')];
    }
    const session = connections.session(context);
    if (!session) return [];
    const children: TreeNode[] = CLUSTER_KINDS.map((k) => this.nodes.kind(context, undefined, k));
    children.push(...this.sectionsOf(context, undefined));
    const discovery = session.discovery?.status;
    if (discovery?.phase === 'forbidden') {
      children.push(
        this.nodes.message(
          parent,
          'discovery',
          vscode.l10n.t('API discovery forbidden: showing the built-in kinds only'),
          'warning',
          discovery.error,
        ),
      );
    }
    const namespaces = this.namespacesOf(session);
    if (namespaces.length === 0 && status.phase === 'connecting') {
      children.push(this.nodes.message(parent, 'loading', vscode.l10n.t('Loading…'), 'info'));
    } else if (namespaces.length === 0 && status.phase === 'forbidden') {
      children.push(this.nodes.message(parent, 'forbidden', status.reason, 'warning'));
    }
    for (const ns of namespaces) children.push(this.nodes.namespace(context, ns));
    return children;
  }

  /** namespacesOf lists the namespaces to show: known Namespace objects, or those seen in objects. */
  namespacesOf(session: ClusterSession): string[] {
    const names = new Set<string>();
    for (const o of session.store(NAMESPACES).list()) if (o.metadata.name) names.add(o.metadata.name);
    for (const kind of NAMESPACED_KINDS) {
      for (const ns of session.store(kind).indexValues(NAMESPACE_INDEX)) names.add(ns);
      for (const ns of session.watchedNamespaces(kind) ?? []) names.add(ns);
    }
    const allow = this.options.namespaces();
    const list = [...names].filter((n) => allow.length === 0 || allow.includes(n));
    return list.sort();
  }

  /** sectionsOf lists the section nodes of the discovered kinds of a namespace (or the cluster). */
  private sectionsOf(context: string, namespace: string | undefined): SectionNode[] {
    const groups = groupLazyKinds(this.options.connections.kindsOf(context), {
      namespaced: namespace !== undefined,
      eager: WATCHED_KINDS,
    });
    return groups.map((g) => this.nodes.section(context, namespace, g.section));
  }

  private sectionKinds(node: SectionNode): KindNode[] {
    const groups = groupLazyKinds(this.options.connections.kindsOf(node.context), {
      namespaced: node.namespace !== undefined,
      eager: WATCHED_KINDS,
    });
    const group = groups.find((g) => g.section.id === node.section.id);
    return (group?.kinds ?? []).map((k) => this.nodes.kind(node.context, node.namespace, k));
  }

  /**
   * lazyChildren answers for a discovered kind: its lease is taken (the informer starts), and
   * until the first list is in, one "Loading…" row stands in; its status change refreshes the
   * node. A kind found empty gives its lease back at once (it then stops after its idle delay).
   */
  private lazyChildren(node: KindNode): TreeNode[] {
    const session = this.options.connections.session(node.context);
    if (!session) return [];
    this.leases.hold(node);
    const status = session.kindStatusOf(node.kind, node.namespace);
    if (status.phase === 'idle' || status.phase === 'connecting') {
      return [this.nodes.message(node, 'loading', vscode.l10n.t('Loading…'), 'info')];
    }
    if (status.phase === 'forbidden' || status.phase === 'unauthorized') {
      return [this.nodes.message(node, 'forbidden', status.phase, 'warning', status.error)];
    }
    const names = this.objectsOf(node)
      .map((o) => o.metadata.name ?? '')
      .sort();
    if (names.length === 0 && status.phase === 'synced') this.leases.releaseUnder(node);
    return this.nodes.objects(node, names);
  }

  /** objectsOf lists a kind node's objects from the cache (none for a lazy kind not running). */
  objectsOf(node: KindNode): KubeObject[] {
    const session = this.options.connections.session(node.context);
    const store = session?.storeOf(node.kind, node.namespace);
    if (!store) return [];
    return node.namespace === undefined ? store.list() : store.byIndex(NAMESPACE_INDEX, node.namespace);
  }

  dispose(): void {
    this.coalescer.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** rootKey identifies what the root shows: its rows, and a message row's text too. */
function rootKey(rows: readonly TreeNode[]): string {
  return rows
    .map((r) => (r.type === 'message' ? `${r.id}:${r.text}:${r.detail ?? ''}` : r.id))
    .join('\u0001');
}
