/**
 * grouping: which discovered kinds the tree shows below its eager kinds, and under which section
 * heading. Events are left out (the Events view shows them), so are the eager kinds (the tree
 * lists them first, as always) and kinds of the other scope.
 */
import { kindId, type ResourceKind } from '../kinds';
import { sectionOf, sortKinds, type Section } from './sections';

/** SectionGroup is one section heading and its kinds, in display order. */
export interface SectionGroup<K extends ResourceKind = ResourceKind> {
  readonly section: Section;
  readonly kinds: readonly K[];
}

/** MAX_TREE_KINDS bounds the kinds shown per scope (a server may list thousands). */
export const MAX_TREE_KINDS = 2000;

/**
 * groupLazyKinds returns the sections (in display order) of the kinds of one scope that are not
 * eager: namespaced kinds for a namespace, cluster-scoped ones for a context.
 */
export function groupLazyKinds<K extends ResourceKind>(
  kinds: readonly K[],
  options: { namespaced: boolean; eager: readonly ResourceKind[] },
): SectionGroup<K>[] {
  const eager = new Set(options.eager.map(kindId));
  const eagerNames = new Set(options.eager.map((k) => `${k.group}/${k.plural}`));
  const wanted = kinds.filter(
    (k) =>
      k.namespaced === options.namespaced &&
      k.kind !== 'Event' &&
      !eager.has(kindId(k)) &&
      // The eager kinds in another version (e.g. a server listing apps/v1beta2) are not repeated.
      !eagerNames.has(`${k.group}/${k.plural}`),
  );
  const out: SectionGroup<K>[] = [];
  for (const k of sortKinds(wanted).slice(0, MAX_TREE_KINDS)) {
    const section = sectionOf(k);
    const last = out[out.length - 1];
    if (last && last.section.id === section.id) (last.kinds as K[]).push(k);
    else out.push({ section, kinds: [k] });
  }
  return out;
}
