import { descendants } from '../../core/resources/ownership';
import { objectKey } from '../describe/describeProvider';
import type { TreeNode } from '../views/nodes';
import type { CommandDeps } from './deps';
import { pickObject } from './pickers';

/**
 * showRelatedEvents reveals the Events view filtered to an object's events and its
 * descendants' (a Deployment's ReplicaSets and their Pods; a CronJob's Jobs and Pods).
 */
export async function showRelatedEvents(deps: CommandDeps, node?: TreeNode): Promise<void> {
  const ref = await pickObject(deps, node);
  if (!ref) return;
  const obj = deps.connections.session(ref.context)?.store(ref.kind).get(objectKey(ref));
  const uid = obj?.metadata.uid;
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
