import type { KubeObject } from '../../core/cache/types';
import type { KindStatus } from '../../core/cluster/status';
import { groupLazyKinds } from '../../core/discovery/grouping';
import type { Section } from '../../core/discovery/sections';
import { kindId, type ResourceKind } from '../../core/kinds';

/**
 * KindPickRow is one row of the "which kind?" pick: a section heading (a separator), or a kind.
 * Eager kinds come first, without a heading, as in the tree.
 */
export type KindPickRow = { type: 'section'; section: Section } | { type: 'kind'; kind: ResourceKind };

/**
 * kindPickRows lists every kind the context serves for the object pick: the eager kinds (in
 * `eager`'s order, those the context serves or all of them before discovery), then the lazy
 * kinds under the tree's section headings, namespaced and cluster-scoped kinds of a section
 * together (Storage: PersistentVolumeClaims, then PersistentVolumes...). Events are left out.
 */
export function kindPickRows(kinds: readonly ResourceKind[], eager: readonly ResourceKind[]): KindPickRow[] {
  const rows: KindPickRow[] = eager.filter((k) => k.kind !== 'Event').map((kind) => ({ type: 'kind', kind }));
  const groups = [
    ...groupLazyKinds(kinds, { namespaced: true, eager }),
    ...groupLazyKinds(kinds, { namespaced: false, eager }),
  ];
  const bySection = new Map<string, { section: Section; kinds: ResourceKind[] }>();
  for (const g of groups) {
    const entry = bySection.get(g.section.id);
    if (entry) entry.kinds.push(...g.kinds);
    else bySection.set(g.section.id, { section: g.section, kinds: [...g.kinds] });
  }
  const sections = [...bySection.values()].sort(
    (a, b) => a.section.order - b.section.order || a.section.id.localeCompare(b.section.id),
  );
  const seen = new Set(rows.map((r) => (r.type === 'kind' ? kindId(r.kind) : '')));
  for (const { section, kinds: ks } of sections) {
    rows.push({ type: 'section', section });
    for (const kind of ks) if (!seen.has(kindId(kind))) rows.push({ type: 'kind', kind });
  }
  return rows;
}

/** MAX_PICK_OBJECTS bounds the objects one pick lists (a kind may hold hundreds of thousands). */
export const MAX_PICK_OBJECTS = 10_000;

/** ObjectPickState is what the "which object?" pick shows for a kind's current status. */
export interface ObjectPickState {
  /** The pick's busy spinner: the kind's first list is not in yet. */
  busy: boolean;
  /** Why there are no (or not all) objects: shown as a row that cannot be picked. */
  note?:
    | { type: 'loading' }
    | { type: 'forbidden' | 'unauthorized' | 'retrying'; error: string }
    | { type: 'empty' }
    | { type: 'more'; count: number };
  /** The objects, by namespace then name, at most MAX_PICK_OBJECTS. */
  objects: { namespace: string | undefined; name: string }[];
}

/**
 * objectPickState turns a kind's status and cached objects into the pick's content: busy with a
 * loading row until the first list; the forbidden (unauthorized) error instead of objects; the
 * objects sorted, cut at `max` with a row saying how many more there are.
 */
export function objectPickState(
  status: KindStatus,
  objects: readonly KubeObject[],
  max = MAX_PICK_OBJECTS,
): ObjectPickState {
  if (status.phase === 'forbidden' || status.phase === 'unauthorized')
    return { busy: false, note: { type: status.phase, error: status.error }, objects: [] };
  const listed = objects
    .map((o) => ({ namespace: o.metadata.namespace, name: o.metadata.name ?? '' }))
    .sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name));
  const shown = listed.slice(0, max);
  const loading = status.phase === 'idle' || status.phase === 'connecting';
  if (loading && shown.length === 0) return { busy: true, note: { type: 'loading' }, objects: [] };
  if (status.phase === 'retrying' && !status.synced && shown.length === 0)
    return { busy: true, note: { type: 'retrying', error: status.error }, objects: [] };
  const more = listed.length - shown.length;
  const note: ObjectPickState['note'] =
    more > 0 ? { type: 'more', count: more } : shown.length === 0 ? { type: 'empty' } : undefined;
  return { busy: loading, ...(note ? { note } : {}), objects: shown };
}
