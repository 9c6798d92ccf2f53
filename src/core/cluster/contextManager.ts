/**
 * contextManager: the kubeconfig's contexts and the sessions of the connected ones. It follows
 * kubeconfig edits (reconcile) and keeps a broken context from affecting the others.
 */
import { errorMessage } from '../cache/errors';
import type { Disposable } from '../util/disposable';
import { Emitter, type Event } from '../util/emitter';
import { nullLogger, type Logger } from '../util/logger';
import { sameJson, type ContextStatus } from './status';

/** ContextDescriptor is what the manager needs to know of a context (a kubeconfig ContextInfo fits). */
export interface ContextDescriptor {
  readonly name: string;
  /** Changes whenever the context's definition (cluster, user, credentials) changes. */
  readonly fingerprint?: string;
  /** Set when the kubeconfig entry is unusable; connecting then gives status `error`. */
  readonly error?: string;
}

/** ManagedSession is what the manager needs of a session (a ClusterSession fits). */
export interface ManagedSession {
  start(): void;
  stop(): void;
  readonly status: ContextStatus;
  readonly onDidChangeStatus: Event<ContextStatus>;
}

export interface ContextManagerOptions<C extends ContextDescriptor, S extends ManagedSession> {
  /** Builds a session for a context; may throw (e.g. an unreadable CA file): status `error`. */
  sessionFactory: (context: C) => S;
  logger?: Logger;
}

/** ContextStatusChange reports a context's new status. */
/**
 * SessionChange reports that a context got a new session (before it starts, so handlers added
 * now see its initial list) or lost it (`session` undefined, after it stopped).
 */
export interface SessionChange<S> {
  name: string;
  session: S | undefined;
}

export interface ContextStatusChange {
  name: string;
  status: ContextStatus;
}

interface Entry<C, S> {
  context: C;
  session?: S;
  subscription?: Disposable;
  /** Set while connected (wanted), whether or not a session could be built. */
  connected: boolean;
  status: ContextStatus;
}

/**
 * ContextManager holds one entry per context and a session per connected context.
 * - `reconcile` applies a new context list: removed contexts stop and disappear, changed ones
 *   (fingerprint differs) restart if connected, added ones appear disconnected.
 * - `connect` of a broken context gives status `error` with the reason; others are unaffected.
 * - Status changes of every context come through one `onDidChangeStatus`.
 */
export class ContextManager<C extends ContextDescriptor, S extends ManagedSession> implements Disposable {
  private readonly entries = new Map<string, Entry<C, S>>();
  private readonly factory: (context: C) => S;
  private readonly logger: Logger;
  private readonly statusEmitter = new Emitter<ContextStatusChange>();
  private readonly contextsEmitter = new Emitter<void>();
  private readonly sessionEmitter = new Emitter<SessionChange<S>>();
  private disposed = false;

  constructor(options: ContextManagerOptions<C, S>) {
    this.factory = options.sessionFactory;
    this.logger = options.logger ?? nullLogger;
  }

  get onDidChangeStatus(): Event<ContextStatusChange> {
    return this.statusEmitter.event;
  }

  /** onDidChangeContexts fires when contexts were added, removed or redefined. */
  /** onDidChangeSession fires when a context's session is created or stopped. */
  get onDidChangeSession(): Event<SessionChange<S>> {
    return this.sessionEmitter.event;
  }

  get onDidChangeContexts(): Event<void> {
    return this.contextsEmitter.event;
  }

  /** contexts lists the known contexts in kubeconfig order. */
  contexts(): C[] {
    return [...this.entries.values()].map((e) => e.context);
  }

  status(name: string): ContextStatus | undefined {
    return this.entries.get(name)?.status;
  }

  /** session returns the running session of a connected context. */
  session(name: string): S | undefined {
    return this.entries.get(name)?.session;
  }

  isConnected(name: string): boolean {
    return this.entries.get(name)?.connected ?? false;
  }

  /** connect starts a session for `name` (no-op when connected). Returns false for an unknown name. */
  connect(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry || this.disposed) return false;
    if (entry.connected) return true;
    entry.connected = true;
    if (entry.context.error) {
      this.setStatus(name, entry, { phase: 'error', reason: entry.context.error });
      return true;
    }
    let session: S;
    try {
      session = this.factory(entry.context);
    } catch (err) {
      this.logger.warn(`${name}: cannot connect: ${errorMessage(err)}`);
      this.setStatus(name, entry, { phase: 'error', reason: errorMessage(err) });
      return true;
    }
    entry.session = session;
    this.sessionEmitter.fire({ name, session });
    entry.subscription = session.onDidChangeStatus((status) => {
      if (entry.session === session) this.setStatus(name, entry, status);
    });
    try {
      session.start();
    } catch (err) {
      this.setStatus(name, entry, { phase: 'error', reason: errorMessage(err) });
      return true;
    }
    this.setStatus(name, entry, session.status);
    return true;
  }

  /** disconnect stops the session of `name`; its status becomes `disconnected`. */
  disconnect(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.stopSession(entry);
    entry.connected = false;
    this.setStatus(name, entry, { phase: 'disconnected' });
  }

  /** reconnect restarts a connected context with a fresh session (e.g. a Refresh command). */
  reconnect(name: string): void {
    if (!this.isConnected(name)) return;
    this.disconnect(name);
    this.connect(name);
  }

  /** reconcile replaces the context list; see the class contract. */
  reconcile(contexts: readonly C[]): void {
    if (this.disposed) return;
    let changed = false;
    const incoming = new Map(contexts.map((c) => [c.name, c]));
    for (const [name, entry] of [...this.entries]) {
      if (incoming.has(name)) continue;
      this.stopSession(entry);
      this.entries.delete(name);
      this.statusEmitter.fire({ name, status: { phase: 'disconnected' } });
      changed = true;
    }
    const order = new Map<string, Entry<C, S>>();
    for (const context of contexts) {
      const entry = this.entries.get(context.name);
      if (!entry) {
        order.set(context.name, { context, connected: false, status: { phase: 'disconnected' } });
        changed = true;
        continue;
      }
      order.set(context.name, entry);
      if (fingerprint(entry.context) === fingerprint(context)) {
        entry.context = context;
        continue;
      }
      changed = true;
      const wasConnected = entry.connected;
      this.stopSession(entry);
      entry.connected = false;
      entry.context = context;
      if (wasConnected) {
        this.logger.info(`${context.name}: kubeconfig entry changed; reconnecting`);
        this.connect(context.name);
      } else {
        this.setStatus(context.name, entry, { phase: 'disconnected' });
      }
    }
    this.entries.clear();
    for (const [name, entry] of order) this.entries.set(name, entry);
    if (changed) this.contextsEmitter.fire();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const entry of this.entries.values()) this.stopSession(entry);
    this.entries.clear();
    this.statusEmitter.dispose();
    this.contextsEmitter.dispose();
    this.sessionEmitter.dispose();
  }

  private stopSession(entry: Entry<C, S>): void {
    const session = entry.session;
    entry.session = undefined;
    entry.subscription?.dispose();
    entry.subscription = undefined;
    session?.stop();
    if (session) this.sessionEmitter.fire({ name: entry.context.name, session: undefined });
  }

  private setStatus(name: string, entry: Entry<C, S>, status: ContextStatus): void {
    if (sameJson(entry.status, status)) return;
    entry.status = status;
    this.statusEmitter.fire({ name, status });
  }
}

function fingerprint(c: ContextDescriptor): string {
  return c.fingerprint ?? JSON.stringify(c);
}
