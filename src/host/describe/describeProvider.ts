import * as vscode from 'vscode';
import { INVOLVED_UID_INDEX, NAMESPACE_INDEX, OWNER_UID_INDEX } from '../../core/cache/indexers';
import type { KubeObject } from '../../core/cache/types';
import type { ClusterSession, SecretPayload } from '../../core/cluster/clusterSession';
import type { DescribeContext } from '../../core/describe/describe';
import { EVENTS, JOBS, kindId, PODS, REPLICASETS, SERVICES, type ResourceKind } from '../../core/kinds';
import type { Connections } from '../contexts/connections';
import { toVsDisposable } from '../disposables';
import { DescribeHolds } from './describeHolds';
import { describeModule } from './describeModule';
import { DESCRIBE_SCHEME, type ObjectRef, parseDescribeUri } from './describeUri';

/** objectKey is the informer store key of a ref. */
export function objectKey(ref: { namespace: string | undefined; name: string; kind: ResourceKind }): string {
  return ref.kind.namespaced && ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** eventsFor selects an object's events from a context's event cache, as kubectl describe does. */
export function eventsFor(session: ClusterSession, kind: ResourceKind, obj: KubeObject): KubeObject[] {
  const store = session.store(EVENTS);
  const uid = obj.metadata.uid;
  const candidates = uid ? store.byIndex(INVOLVED_UID_INDEX, uid) : [];
  // Events recorded without a uid still name the object: let kubectl's rule decide.
  const ns = obj.metadata.namespace;
  const pool = ns ? store.byIndex(NAMESPACE_INDEX, ns) : store.list();
  const byName = describeModule().selectEventsFor(obj, kind.kind, pool);
  const seen = new Set(candidates);
  return [...candidates, ...byName.filter((e) => !seen.has(e))];
}

/** SECRET_CACHE bounds the Secret summaries kept for describe documents. */
const SECRET_CACHE = 64;

/**
 * DescribeProvider serves `kube-describe:` documents: kubectl-describe-like text rendered from
 * the informer caches (no request to the API server). Open documents re-render, at most every
 * 300 ms, when their object or its events change. VS Code shows content-provider documents
 * read-only.
 */
export class DescribeProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Secret payload summaries (type and sizes, never values) by context, name and version. */
  private readonly secrets = new Map<string, SecretPayload | 'pending' | 'failed'>();
  /** What open documents of lazy kinds hold (a kind lease, or a single-object watch), by URI. */
  private readonly holds = new DescribeHolds((key) => {
    this.dirty.add(key);
    this.schedule();
  });

  constructor(
    private readonly connections: Connections,
    private readonly now: () => number = Date.now,
  ) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.registerTextDocumentContentProvider(DESCRIBE_SCHEME, this),
      connections.onDidChangeObject(({ context, obj }) =>
        this.touch(context, obj.metadata.uid, obj.metadata.name),
      ),
      // A lazy kind that starts, syncs or stops re-renders the open documents about it.
      connections.onDidChangeKinds(({ context, kind }) => {
        if (!kind) return;
        for (const { uri, ref } of this.openRefs()) {
          if (ref.context === context && kindId(ref.kind) === kindId(kind)) this.dirty.add(uri.toString());
        }
        this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.holds.release(doc.uri.toString())),
      toVsDisposable(
        connections.hub.onDidChange((changes) => {
          for (const c of changes) this.touch(c.event.context, c.event.involved.uid, c.event.involved.name);
        }),
      ),
    );
  }

  private openRefs(): { uri: vscode.Uri; ref: ObjectRef }[] {
    const out: { uri: vscode.Uri; ref: ObjectRef }[] = [];
    for (const doc of vscode.workspace.textDocuments) {
      const ref = this.parse(doc.uri);
      if (ref) out.push({ uri: doc.uri, ref });
    }
    return out;
  }

  /** touch marks open documents about this object (by uid, or name when events lack a uid) dirty. */
  private touch(context: string, uid: string | undefined, name: string | undefined): void {
    for (const { uri, ref } of this.openRefs()) {
      if (ref.context !== context) continue;
      const session = this.connections.session(context);
      const current = session?.storeOf(ref.kind)?.get(objectKey(ref));
      const matches = (uid && current?.metadata.uid === uid) || ref.name === name;
      if (!matches) continue;
      this.dirty.add(uri.toString());
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.dirty.size > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), 300);
    }
  }

  private parse(uri: vscode.Uri): ObjectRef | undefined {
    return parseDescribeUri(uri, (context, group, plural) =>
      this.connections.session(context)?.discovery?.byResource(group, plural),
    );
  }

  private flush(): void {
    this.timer = undefined;
    for (const s of this.dirty) this.emitter.fire(vscode.Uri.parse(s));
    this.dirty.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ref = this.parse(uri);
    if (!ref) return vscode.l10n.t('Not a Kube Events describe document.');
    const session = this.connections.session(ref.context);
    if (!session)
      return vscode.l10n.t('Context {0} is not connected. Connect it from the Clusters view.', ref.context);
    // A lazy kind's object is kept current while its document is open: from the kind's store when
    // the kind runs, else by a single-object watch (released on close).
    const source = this.holds.source(uri.toString(), session, ref.kind, {
      namespace: ref.kind.namespaced ? ref.namespace : undefined,
      name: ref.name,
    });
    const obj = source.store?.get(objectKey(ref));
    const phase = source.status.phase;
    if (!obj && (phase === 'idle' || phase === 'connecting')) {
      return vscode.l10n.t('Loading {0} {1}…', ref.kind.kind, ref.name);
    }
    if (!obj && phase === 'forbidden') {
      return vscode.l10n.t('Listing {0} is forbidden in {1}.', ref.kind.kind, ref.context);
    }
    if (!obj) {
      return vscode.l10n.t(
        '{0} {1} is not in the cache of {2} (deleted, or not synced yet).',
        ref.kind.kind,
        `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`,
        ref.context,
      );
    }
    return describeModule().describeObject(ref.kind.kind, obj, this.contextFor(session, ref.kind, obj));
  }

  private contextFor(session: ClusterSession, kind: ResourceKind, obj: KubeObject): DescribeContext {
    const children = (k: ResourceKind, uid: string) => session.store(k).byIndex(OWNER_UID_INDEX, uid);
    const secretsKind = session.discovery?.byResource('', 'secrets');
    const secrets = secretsKind && session.storeOf(secretsKind);
    // A lazy kind's cache while it runs (else the lookup is left out and so is its block).
    const running = (group: string, plural: string) => {
      const k = session.discovery?.byResource(group, plural);
      return k && session.storeOf(k);
    };
    const quotas = running('', 'resourcequotas');
    const limits = running('', 'limitranges');
    const leases = running('coordination.k8s.io', 'leases');
    const endpoints = running('', 'endpoints');
    return {
      now: this.now(),
      // The group discovery names: picks kubectl's describer by group and kind.
      group: kind.group,
      events: eventsFor(session, kind, obj),
      related: {
        replicaSetsOf: (uid) => children(REPLICASETS, uid),
        podsOf: (uid) => children(PODS, uid),
        podsOnNode: (node) =>
          session
            .store(PODS)
            .list()
            .filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === node),
        jobsOf: (uid) => children(JOBS, uid),
        secretSummary: (namespace, name) => this.secretSummary(session, obj, namespace, name),
        // Only while Secrets are cached (metadata only): describe lists no tokens otherwise.
        ...(secrets ? { secretsIn: (ns: string) => secrets.byIndex(NAMESPACE_INDEX, ns) } : {}),
        podsIn: (ns) => session.store(PODS).byIndex(NAMESPACE_INDEX, ns),
        serviceFor: (ns, name) => session.store(SERVICES).get(`${ns}/${name}`) ?? null,
        ...(quotas ? { resourceQuotasIn: (ns: string) => quotas.byIndex(NAMESPACE_INDEX, ns) } : {}),
        ...(limits ? { limitRangesIn: (ns: string) => limits.byIndex(NAMESPACE_INDEX, ns) } : {}),
        ...(leases ? { nodeLease: (node: string) => leases.get(`kube-node-lease/${node}`) ?? null } : {}),
        ...(endpoints ? { endpointsFor: (ns: string, name: string) => endpoints.get(`${ns}/${name}`) } : {}),
      },
    };
  }

  /**
   * secretSummary answers from a small cache keyed by the Secret's resourceVersion; a miss starts
   * one GET (values dropped in src/kube/secretSummary.ts) and re-renders the open documents when
   * it answers. At most SECRET_CACHE entries are kept; a failed GET is not retried for this
   * version.
   */
  private secretSummary(
    session: ClusterSession,
    obj: KubeObject,
    namespace: string,
    name: string,
  ): SecretPayload | undefined {
    const read = session.readSecret;
    if (!read || obj.metadata.name !== name) return undefined;
    const key = [session.contextName, namespace, name, obj.metadata.resourceVersion ?? ''].join('\u0000');
    const cached = this.secrets.get(key);
    if (cached !== undefined) return cached === 'pending' || cached === 'failed' ? undefined : cached;
    if (this.secrets.size >= SECRET_CACHE) this.secrets.delete(this.secrets.keys().next().value!);
    this.secrets.set(key, 'pending');
    read(namespace, name).then(
      (summary) => {
        if (this.secrets.get(key) !== 'pending') return;
        this.secrets.set(key, summary);
        this.touch(session.contextName, obj.metadata.uid, name);
      },
      () => {
        if (this.secrets.get(key) === 'pending') this.secrets.set(key, 'failed');
      },
    );
    return undefined;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.holds.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
