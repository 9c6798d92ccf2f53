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
  const wanted = lazyKindsOf(kinds, options);
  const out: SectionGroup<K>[] = [];
  for (const k of sortKinds(wanted).slice(0, MAX_TREE_KINDS)) {
    const section = sectionOf(k);
    const last = out[out.length - 1];
    if (last && last.section.id === section.id) (last.kinds as K[]).push(k);
    else out.push({ section, kinds: [k] });
  }
  return out;
}

/** lazyKindsOf filters `kinds` to the lazy kinds of one scope, as groupLazyKinds shows them (unsorted). */
function lazyKindsOf<K extends ResourceKind>(
  kinds: readonly K[],
  options: { namespaced: boolean; eager: readonly ResourceKind[] },
): K[] {
  const eager = new Set(options.eager.map(kindId));
  const eagerNames = new Set(options.eager.map((k) => `${k.group}/${k.plural}`));
  return kinds.filter(
    (k) =>
      k.namespaced === options.namespaced &&
      k.kind !== 'Event' &&
      !eager.has(kindId(k)) &&
      // The eager kinds in another version (e.g. a server listing apps/v1beta2) are not repeated.
      !eagerNames.has(`${k.group}/${k.plural}`),
  );
}

/**
 * kindsOfSection returns the kinds groupLazyKinds puts under section `sectionId` in one scope,
 * without sorting every kind (a badge asks often): the same filter, then the section's own.
 */
export function kindsOfSection<K extends ResourceKind>(
  kinds: readonly K[],
  sectionId: string,
  options: { namespaced: boolean; eager: readonly ResourceKind[] },
): K[] {
  return lazyKindsOf(kinds, options).filter((k) => sectionOf(k).id === sectionId);
}

/**
 * sectionWarningCount is a section node's badge: the sum of its kind nodes' badges, each kind
 * name counted once (the rollup counts by kind name, so two groups' `Certificate`s are one
 * count). `countForKind` is the kind nodes' rule (0 outside a namespace, as theirs).
 */
export function sectionWarningCount(
  kinds: readonly ResourceKind[],
  countForKind: (kind: string) => number,
): number {
  let n = 0;
  for (const name of new Set(kinds.map((k) => k.kind))) n += countForKind(name);
  return n;
}
