/**
 * handlerFan: the event handlers of one kind's watch. The watch's informers come and go (a
 * fallback to namespaces, a scope change); the handlers see one stream across them, and a switch
 * from one cache to another is told as the difference between the two, never as the kind emptied
 * and refilled.
 */
import type { DeletedFinalStateUnknown } from '../cache/deltas';
import { errorMessage } from '../cache/errors';
import { uidChanged } from '../cache/handlers';
import type { ResourceEventHandler } from '../cache/informer';
import { metaNamespaceKey } from '../cache/store';
import type { KubeObject } from '../cache/types';
import type { Disposable } from '../util/disposable';
import type { Logger } from '../util/logger';

/**
 * HandlerFan holds handlers and relays to them. A handler that throws is logged (with `label`)
 * and never stops the others. Objects are passed as cached: handlers MUST NOT mutate them.
 */
export class HandlerFan {
  private readonly handlers = new Set<ResourceEventHandler<KubeObject>>();

  constructor(
    private readonly label: string,
    private readonly logger: Logger,
  ) {}

  /** add registers `handler` after replaying `cached` to it as onAdd(obj, true). */
  add(handler: ResourceEventHandler<KubeObject>, cached: readonly KubeObject[]): Disposable {
    for (const obj of cached) this.call(() => handler.onAdd?.(obj, true));
    this.handlers.add(handler);
    return { dispose: () => this.handlers.delete(handler) };
  }

  clear(): void {
    this.handlers.clear();
  }

  /** relay is a handler that forwards to every handler, while `open()` (default: always). */
  relay(open: () => boolean = () => true): ResourceEventHandler<KubeObject> {
    return {
      onAdd: (obj, initial) => {
        if (!open()) return;
        for (const h of [...this.handlers]) this.call(() => h.onAdd?.(obj, initial));
      },
      onUpdate: (oldObj, newObj) => {
        if (!open()) return;
        for (const h of [...this.handlers]) this.call(() => h.onUpdate?.(oldObj, newObj));
      },
      onDelete: (obj: KubeObject | DeletedFinalStateUnknown<KubeObject>) => {
        if (!open()) return;
        for (const h of [...this.handlers]) this.call(() => h.onDelete?.(obj));
      },
    };
  }

  /**
   * announceDiff tells handlers, who know `before`, how to reach `after`: objects new to them
   * are added, changed ones updated (a new uid under the same key is a delete and an add), ones
   * no longer there deleted; an object at the same resourceVersion causes no call.
   */
  announceDiff(before: readonly KubeObject[], after: readonly KubeObject[]): void {
    const known = new Map<string, KubeObject>();
    for (const obj of before) known.set(metaNamespaceKey(obj), obj);
    const live = this.relay();
    for (const obj of after) {
      const key = metaNamespaceKey(obj);
      const old = known.get(key);
      known.delete(key);
      if (!old) live.onAdd?.(obj, false);
      else if (uidChanged(old, obj)) {
        live.onDelete?.({ key, obj: old, finalStateUnknown: true });
        live.onAdd?.(obj, false);
      } else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) live.onUpdate?.(old, obj);
    }
    for (const old of known.values()) live.onDelete?.(old);
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error(`${this.label}: event handler threw: ${errorMessage(err)}`);
    }
  }
}
