import { type Disposable } from '../util/disposable';
import { type Logger } from '../util/logger';
import { type KubeObject } from './types';
import { type DeletedFinalStateUnknown } from './deltas';

/**
 * ResourceEventHandler receives an informer's notifications, in the order the changes were
 * applied to its cache. All methods are optional.
 *
 * Contract: handlers MUST NOT mutate the objects they receive (they are the cached instances,
 * shared with every other handler and reader). A handler is called synchronously from the
 * informer's queue drain; a handler that throws is logged and does not affect the others or
 * the informer. Updates whose resourceVersion did not change are not delivered, and an update
 * never changes metadata.uid: a re-created object arrives as onDelete(old) then onAdd(new).
 */
export interface ResourceEventHandler<T> {
  /** onAdd: a new object; `isInInitialList` is true for objects of the first list (or replay). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** onUpdate: the object changed; `oldObj` is the previously cached state. */
  onUpdate?(oldObj: T, newObj: T): void;
  /** onDelete: the object is gone; a tombstone when the deletion was only seen in a relist. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

/**
 * HandlerSet is the informer's processor: its registered handlers and the fan-out to them.
 * Notifications go to handlers in registration order; a handler removed during a fan-out gets
 * nothing more, a handler added during one is not called for the change in progress.
 */
export class HandlerSet<T> implements Disposable {
  private readonly handlers = new Set<ResourceEventHandler<T>>();

  constructor(
    private readonly logger: Logger,
    private readonly name: string,
  ) {}

  get size(): number {
    return this.handlers.size;
  }

  /** add registers `handler` after delivering `onAdd(obj, true)` for each of `replay`. */
  add(handler: ResourceEventHandler<T>, replay: readonly T[]): Disposable {
    // Registered before the replay so a handler that disposes itself mid-replay stops it.
    this.handlers.add(handler);
    for (const obj of replay) {
      if (!this.handlers.has(handler)) break;
      this.call(() => handler.onAdd?.(obj, true));
    }
    return { dispose: () => this.handlers.delete(handler) };
  }

  notifyAdd(obj: T, isInInitialList: boolean): void {
    for (const h of this.snapshot())
      if (this.handlers.has(h)) this.call(() => h.onAdd?.(obj, isInInitialList));
  }

  notifyUpdate(oldObj: T, newObj: T): void {
    for (const h of this.snapshot()) if (this.handlers.has(h)) this.call(() => h.onUpdate?.(oldObj, newObj));
  }

  notifyDelete(obj: T | DeletedFinalStateUnknown<T>): void {
    for (const h of this.snapshot()) if (this.handlers.has(h)) this.call(() => h.onDelete?.(obj));
  }

  dispose(): void {
    this.handlers.clear();
  }

  private snapshot(): ResourceEventHandler<T>[] {
    return this.handlers.size === 1 ? [this.handlers.values().next().value!] : [...this.handlers];
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error(
        `${this.name}: event handler threw: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

/**
 * uidChanged: both objects carry a uid and they differ (the name was deleted and re-created).
 * Objects without a uid (fakes, partial metadata) are compared by resourceVersion only.
 */
export function uidChanged(a: KubeObject, b: KubeObject): boolean {
  const x = a.metadata?.uid;
  const y = b.metadata?.uid;
  return typeof x === 'string' && typeof y === 'string' && x !== '' && y !== '' && x !== y;
}
