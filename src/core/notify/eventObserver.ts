import { isDeletedFinalStateUnknown } from '../cache/deltas';
import { type ResourceEventHandler } from '../cache/handlers';
import { type KubeObject } from '../cache/types';

/**
 * EventObserver consumes the Event informer changes of every context, tagged with the context
 * (WarningNotifier, LiveWarningCount). Observers MUST NOT mutate the objects.
 */
export interface EventObserver {
  /** observe: an add (`prev` undefined; `isInInitialList` from the informer) or an update. */
  observe(context: string, prev: KubeObject | undefined, next: KubeObject, isInInitialList: boolean): void;
  /** observeDelete: the event is gone (for a tombstone, its last known state). */
  observeDelete(context: string, obj: KubeObject): void;
}

/**
 * eventObserverHandler adapts observers to an informer's ResourceEventHandler for one context,
 * unwrapping tombstones. Observers are called in the given order.
 */
export function eventObserverHandler(
  context: string,
  ...observers: EventObserver[]
): ResourceEventHandler<KubeObject> {
  return {
    onAdd: (obj, isInInitialList) => {
      for (const o of observers) o.observe(context, undefined, obj, isInInitialList);
    },
    onUpdate: (oldObj, newObj) => {
      for (const o of observers) o.observe(context, oldObj, newObj, false);
    },
    onDelete: (obj) => {
      const last = isDeletedFinalStateUnknown<KubeObject>(obj) ? obj.obj : obj;
      for (const o of observers) o.observeDelete(context, last);
    },
  };
}
