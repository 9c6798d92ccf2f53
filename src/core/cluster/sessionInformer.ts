/**
 * sessionInformer: the part of an Informer a ClusterSession uses, and the factory that makes
 * one. Narrow on purpose, so tests can drive a session with stubs or with the real engine over a
 * fake ListerWatcher.
 */
import { Informer, type InformerOptions } from '../cache/informer';
import type { InformerStatus, ResourceEventHandler } from '../cache/informer';
import type { ReadonlyIndexer } from '../cache/store';
import type { KubeObject } from '../cache/types';
import type { Disposable } from '../util/disposable';
import type { Event } from '../util/emitter';

/** SessionInformer is an informer as a session sees it. */
export interface SessionInformer<T extends KubeObject = KubeObject> {
  start(): void;
  /** stop is final: no handler call or status change after it. */
  stop(): void;
  readonly store: ReadonlyIndexer<T>;
  addEventHandler(handler: ResourceEventHandler<T>): Disposable;
  readonly status: InformerStatus;
  readonly onDidChangeStatus: Event<InformerStatus>;
}

/** InformerFactory makes the informer of one kind in one scope. */
export type InformerFactory = (options: InformerOptions<KubeObject>) => SessionInformer<KubeObject>;

/** defaultInformerFactory builds the engine's Informer. */
export const defaultInformerFactory: InformerFactory = (options) => new Informer<KubeObject>(options);
