import { type KubeObject, type OwnerReference } from '../../../src/core/cache/types';

/** owner builds an OwnerReference (controller unless said otherwise). */
export function owner(kind: string, name: string, uid: string, controller = true): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name, uid, controller };
}

/** object builds a namespaced object of `kind`, owned by `owners`. */
export function object(
  kind: string,
  name: string,
  uid: string,
  owners: OwnerReference[] = [],
  namespace = 'web',
): KubeObject {
  return {
    kind,
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion: '1',
      ...(owners.length > 0 ? { ownerReferences: owners } : {}),
    },
  };
}
