import { descendants } from '../../core/resources/ownership';
import { objectKey } from '../describe/describeProvider';
import type { ObjectRef } from '../describe/describeUri';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickObject } from './pickers';

/** uidFromEvents finds the uid events give for the object `ref` names. */
function uidFromEvents(deps: CommandDeps, ref: ObjectRef): string | undefined {
  for (const e of deps.connections.hub.list()) {
    const inv = e.involved;
    if (e.context !== ref.context || inv.kind !== ref.kind.kind || inv.name !== ref.name) continue;
    if ((ref.namespace ?? '') === inv.namespace && inv.uid) return inv.uid;
  }
  return undefined;
}

/**
 * showRelatedEvents reveals the Events view filtered to an object's events and its
 * descendants' (a Deployment's ReplicaSets and their Pods; a CronJob's Jobs and Pods).
 */
export async function showRelatedEvents(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const ref = await pickObject(deps, node);
  if (!ref) return;
  const obj = deps.connections.session(ref.context)?.storeOf(ref.kind)?.get(objectKey(ref));
  // An object of a kind not cached now (a lazy kind not open): its events still carry its uid.
  const uid = obj?.metadata.uid ?? uidFromEvents(deps, ref);
  const lookup = deps.connections.ownerLookup(ref.context);
  const descendantUids =
    uid && lookup
      ? descendants(uid, lookup)
          .map((d) => d.obj.metadata.uid)
          .filter((u): u is string => !!u)
      : [];
  await deps.eventsView.showObject({
    context: ref.context,
    label: `${ref.kind.kind}/${ref.name}`,
    uids: uid ? [uid] : [],
    descendantUids,
    includeDescendants: true,
  });
}
