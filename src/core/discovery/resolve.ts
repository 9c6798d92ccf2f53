/**
 * resolve: which kind an object reference (an event's involved object, an owner reference) is
 * about, among the kinds a context serves. Events themselves are never the answer (they are not
 * shown as objects).
 */
import type { ResourceKind } from '../kinds';

/** groupOf returns the API group of an apiVersion: `apps/v1` -> `apps`, `v1` -> ''. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * resolveKind finds `kind` in `apiVersion`'s group (any version: the served, preferred one is
 * returned) among `served`, else among `builtIn`. Without an apiVersion, the kind name alone
 * decides: the built-in kinds first, then the served ones in their order.
 */
export function resolveKind(
  served: readonly ResourceKind[],
  builtIn: readonly ResourceKind[],
  kind: string,
  apiVersion: string | undefined,
): ResourceKind | undefined {
  const ok = (k: ResourceKind) => k.kind === kind && k.plural !== 'events';
  if (apiVersion) {
    const group = groupOf(apiVersion);
    const inGroup = (k: ResourceKind) => ok(k) && k.group === group;
    return served.find(inGroup) ?? builtIn.find(inGroup);
  }
  return builtIn.find(ok) ?? served.find(ok);
}
