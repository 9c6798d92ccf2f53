import * as vscode from 'vscode';
import { isDeletedFinalStateUnknown } from '../../core/cache/deltas';
import type { IndexFunc } from '../../core/cache/store';
import type { KubeObject } from '../../core/cache/types';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import { ContextManager } from '../../core/cluster/contextManager';
import type { ContextStatus } from '../../core/cluster/status';
import { createEventCompactor } from '../../core/events/compact';
import { EventHub } from '../../core/events/hub';
import {
  ALL_KINDS,
  CRONJOBS,
  DAEMONSETS,
  DEPLOYMENTS,
  EVENTS,
  JOBS,
  NAMESPACES,
  NODES,
  PODS,
  REPLICASETS,
  type ResourceKind,
  SERVICES,
  STATEFULSETS,
} from '../../core/kinds';
import { kindIndexers } from '../../core/cluster/kindIndexers';
import { createOwnerLookup, type OwnerLookup } from '../../core/resources/ownership';
import { resolveKind as resolveKindIn } from '../../core/discovery/resolve';
import { forwardLazyKinds } from './lazyForwarding';
import type { Logger } from '../../core/util/logger';
import { CredentialProviders } from '../../kube/credentials';
import type { ContextInfo, LoadedKubeconfigs } from '../../kube/kubeconfig';
import { isSecretKind } from '../../kube/metadataOnly';
import { createKubeSessionFactory } from '../../kube/sessionFactory';
import { toVsDisposable } from '../disposables';
import type { KubeconfigService } from './kubeconfigService';
import { StatusLog } from './statusLog';

/** WATCHED_KINDS are the kinds each connected context caches. Events are core/v1 events. */
export const WATCHED_KINDS: readonly ResourceKind[] = [
  NAMESPACES,
  NODES,
  PODS,
  SERVICES,
  DEPLOYMENTS,
  REPLICASETS,
  STATEFULSETS,
  DAEMONSETS,
  JOBS,
  CRONJOBS,
  EVENTS,
];

/** indexersFor: the indexes each kind's readers use (see kindIndexers); Secrets are metadata-only. */
function indexersFor(kind: ResourceKind): Record<string, IndexFunc<KubeObject>> {
  const eager = WATCHED_KINDS.some((k) => k.group === kind.group && k.plural === kind.plural);
  return kindIndexers(kind, { eager, metadataOnly: isSecretKind(kind) });
}

/** KindChange: a context's kinds changed (`kind` undefined), or one lazy kind did. */
export interface KindChange {
  readonly context: string;
  readonly kind?: ResourceKind;
  /** What happened to `kind` (`scope`: it gained or lost the scope of `namespace`). */
  readonly type?: 'started' | 'stopped' | 'status' | 'scope';
  /** With `scope`: the namespace (undefined: the cluster-wide scope). */
  readonly namespace?: string;
}

/** ObjectChange is one informer change of a cached object in some context. */
export interface ObjectChange {
  readonly context: string;
  readonly kind: ResourceKind;
  readonly type: 'add' | 'update' | 'delete';
  /** The new state; for deletes the last known state. Never mutate it. */
  readonly obj: KubeObject;
  readonly initial: boolean;
}

export interface ConnectionsOptions {
  kubeconfig: KubeconfigService;
  logger: Logger;
  /** The `kubeEvents.namespaces` allow-list. */
  namespaces: () => readonly string[];
  /** The `kubeEvents.contexts` setting. */
  autoConnect: () => readonly string[];
}

/**
 * Connections is the extension's live view of every kubeconfig context: one ContextManager (a
 * ClusterSession per connected context), an EventHub fed by each session's event informer, and
 * the start-up policy: connect the configured contexts, else the current context. Other
 * contexts stay disconnected until asked for, so an exec-plugin login never fires for a context
 * the user did not open.
 */
/** INVALID_EVENTS_LOGGED: invalid events logged one by one; after that, one line per 1,000. */
const INVALID_EVENTS_LOGGED = 20;

export class Connections implements vscode.Disposable {
  readonly manager: ContextManager<ContextInfo, ClusterSession>;
  /**
   * batchMs 0: the hub coalesces what one read of a watch stream delivers and nothing more. Its
   * readers pace themselves (the Events view's deltas go out as the page acknowledges them, open
   * describe documents re-render at most every 300 ms); a window here only added latency (up to
   * 20 ms of bench scenario 3's write -> row time).
   */
  readonly hub = new EventHub({ batchMs: 0 });
  private readonly credentials = new CredentialProviders();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly statusEmitter = new vscode.EventEmitter<string | undefined>();
  private readonly objectEmitter = new vscode.EventEmitter<ObjectChange>();
  private readonly kindEmitter = new vscode.EventEmitter<KindChange>();
  private readonly sessionSubs = new Map<string, { dispose(): void }[]>();
  private readonly statusLog: StatusLog;
  /**
   * onDidChangeObject fires for every add, update and delete of a cached object (all kinds but
   * events, which come through `hub`), in informer order. `initial` adds replay a fresh cache.
   */
  readonly onDidChangeObject = this.objectEmitter.event;
  /** Fires with a context name when its status changed, or undefined when the list changed. */
  readonly onDidChange = this.statusEmitter.event;
  /**
   * onDidChangeKinds fires when a context's discovered kinds or discovery status changed
   * (`kind` undefined), or when a lazy kind started, stopped or changed status.
   */
  readonly onDidChangeKinds = this.kindEmitter.event;

  constructor(private readonly options: ConnectionsOptions) {
    const { kubeconfig, logger } = options;
    this.statusLog = new StatusLog(logger);
    // One string pool for the events of every context (see createEventCompactor). Events that
    // fail validation are coerced and cached; the log names the first few, then counts, so a
    // hostile server cannot flood it.
    let invalid = 0;
    const compactEvent = createEventCompactor(undefined, {
      onInvalid: (key, problems) => {
        invalid++;
        if (invalid <= INVALID_EVENTS_LOGGED) logger.warn(`invalid Event ${key}: ${problems.join('; ')}`);
        else if (invalid % 1000 === 0) logger.warn(`${invalid} invalid Events so far (coerced and kept)`);
      },
    });
    this.manager = new ContextManager<ContextInfo, ClusterSession>({
      logger,
      sessionFactory: createKubeSessionFactory({
        config: () => kubeconfig.current.config,
        credentials: this.credentials,
        kinds: WATCHED_KINDS,
        namespaces: options.namespaces,
        logger,
        userAgent: 'kube-events-vscode',
        informerOptions: (kind) => ({
          indexers: indexersFor(kind),
          logger,
          ...(kind === EVENTS ? { transform: compactEvent } : {}),
        }),
      }),
    });
    this.disposables.push(
      toVsDisposable(
        this.manager.onDidChangeSession(({ name, session }) => {
          for (const d of this.sessionSubs.get(name) ?? []) d.dispose();
          this.sessionSubs.delete(name);
          if (session) {
            this.hub.attach(name, { addEventHandler: (h) => session.addEventHandler(EVENTS, h) });
            this.sessionSubs.set(name, [
              ...this.forwardObjects(name, session),
              forwardLazyKinds(session, {
                object: (kind, type, obj) =>
                  this.objectEmitter.fire({ context: name, kind, type, obj, initial: false }),
                kind: (kind, type, namespace) =>
                  this.kindEmitter.fire({ context: name, kind, type, namespace }),
              }),
            ]);
          } else {
            this.hub.detach(name);
          }
        }),
      ),
      toVsDisposable(
        this.manager.onDidChangeStatus(({ name, status }) => {
          // Object counts change with every watch event: only transitions are logged and shown.
          if (!this.statusLog.update(name, status)) return;
          this.statusEmitter.fire(name);
        }),
      ),
      toVsDisposable(this.manager.onDidChangeContexts(() => this.statusEmitter.fire(undefined))),
      kubeconfig.onDidChange((loaded) => this.apply(loaded)),
      this.statusEmitter,
      this.objectEmitter,
      this.kindEmitter,
    );
  }

  private forwardObjects(context: string, session: ClusterSession): { dispose(): void }[] {
    const fire = (kind: ResourceKind, type: ObjectChange['type'], obj: KubeObject, initial = false) =>
      this.objectEmitter.fire({ context, kind, type, obj, initial });
    return WATCHED_KINDS.filter((k) => k !== EVENTS).map((kind) =>
      session.addEventHandler(kind, {
        onAdd: (obj, initial) => fire(kind, 'add', obj, initial),
        onUpdate: (_old, obj) => fire(kind, 'update', obj),
        onDelete: (obj) => fire(kind, 'delete', isDeletedFinalStateUnknown<KubeObject>(obj) ? obj.obj : obj),
      }),
    );
  }

  /** started: start() has run and the kubeconfig is loaded (the contexts are known). */
  get started(): boolean {
    return this.startedFlag;
  }

  private startedFlag = false;
  // Declared before whenStarted: field initialisers run in order, and the promise sets it.
  private resolveStarted: () => void = () => {};
  /** whenStarted resolves once start() has run. */
  readonly whenStarted: Promise<void> = new Promise((resolve) => (this.resolveStarted = resolve));

  /** start loads the kubeconfig (asynchronously), applies it and connects the start-up contexts. */
  start(): void {
    void this.options.kubeconfig.ready().then((loaded) => this.startWith(loaded));
  }

  private startWith(loaded: LoadedKubeconfigs): void {
    if (this.disposed) return;
    this.apply(loaded);
    this.startedFlag = true;
    this.resolveStarted();
    const wanted = this.options.autoConnect();
    const names = wanted.length > 0 ? wanted : loaded.currentContext ? [loaded.currentContext] : [];
    for (const name of names) {
      if (!this.manager.connect(name))
        this.options.logger.warn(`kubeEvents.contexts: no context named ${name}`);
    }
  }

  private apply(loaded: LoadedKubeconfigs): void {
    this.manager.reconcile(loaded.contexts);
  }

  /** ownerLookup reads a context's caches by uid and by owner uid (see core/resources/ownership). */
  ownerLookup(context: string): OwnerLookup | undefined {
    const session = this.manager.session(context);
    if (!session) return undefined;
    return createOwnerLookup(
      WATCHED_KINDS.filter((k) => k !== EVENTS).map((k) => ({ kind: k.kind, store: session.store(k) })),
    );
  }

  /**
   * kindsOf lists the kinds a connected context serves (discovered; the built-in kinds while
   * discovery has not answered or is forbidden). Empty when not connected.
   */
  kindsOf(context: string): readonly ResourceKind[] {
    const session = this.manager.session(context);
    return session?.discovery?.kinds ?? session?.kinds ?? [];
  }

  /**
   * resolveKind finds the kind of an object named by `kind` and `apiVersion` (an event's involved
   * object, an owner reference) in a context: from discovery, else among the built-in kinds.
   * An apiVersion left empty matches the kind in any group, the core and built-in groups first.
   */
  resolveKind(context: string, kind: string, apiVersion: string | undefined): ResourceKind | undefined {
    const served = this.manager.session(context)?.discovery?.kinds ?? [];
    return resolveKindIn(served, ALL_KINDS, kind, apiVersion);
  }

  contexts(): ContextInfo[] {
    return this.manager.contexts();
  }

  session(name: string): ClusterSession | undefined {
    return this.manager.session(name);
  }

  status(name: string): ContextStatus {
    return this.manager.status(name) ?? { phase: 'disconnected' };
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    for (const subs of this.sessionSubs.values()) for (const d of subs) d.dispose();
    this.sessionSubs.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.hub.dispose();
    this.manager.dispose();
    // After the sessions (which release their leases): kills any exec plugin still running.
    this.credentials.dispose();
  }
}
