/**
 * crds: the apiextensions controllers of the test API server, for apiextensions.k8s.io/v1
 * CustomResourceDefinitions. When a CRD is written, the resources it defines are served (every
 * version with `served: true`, and the storage version) from one keyspace, with the status
 * subresource when a version declares it, and the CRD's status gets NamesAccepted and
 * Established True, its acceptedNames and storedVersions (a status-only write, as the real
 * controllers make). Deleting a CRD marks it (deletionTimestamp, Terminating condition, the
 * cleanup finalizer), deletes every instance (watchers get DELETED), ends the watches of the
 * resource, stops serving it (404 from then on, discovery updated) and removes the CRD.
 *
 * All of it runs synchronously after the write that caused it (Store.onCommitted), so a client
 * sees the resource served as soon as its create of the CRD returned.
 */
import type { KubeObject } from '../../src/core/cache/types';
import { CUSTOM_RESOURCE_DEFINITIONS } from '../../src/core/kinds';
import type { Change } from './storage';
import type { Store } from './store';
import { VERBS, type PrinterColumn, type ServedKind } from './servedKinds';
import { ApiError, statusOf } from './status';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** CLEANUP_FINALIZER is the finalizer the real server puts on a CRD being deleted. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function invalid(name: string, field: string, why: string): ApiError {
  return new ApiError(
    statusOf(
      422,
      'Invalid',
      `CustomResourceDefinition.apiextensions.k8s.io "${name}" is invalid: ${field}: ${why}`,
      {
        name,
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        causes: [{ reason: 'FieldValueInvalid', message: why, field }],
      },
    ),
  );
}

/**
 * validateCrd rejects (422) a CRD the real server's validation would: the name must be
 * `<plural>.<group>`, names.kind and scope must be set, exactly one version is the storage
 * version. Only the rules this server relies on are checked.
 */
export function validateCrd(obj: KubeObject): void {
  const o = obj as Rec;
  const name: string = o.metadata?.name ?? '';
  const spec: Rec = o.spec ?? {};
  const plural: string = spec.names?.plural ?? '';
  if (!spec.group) throw invalid(name, 'spec.group', 'Required value');
  if (!plural) throw invalid(name, 'spec.names.plural', 'Required value');
  if (!spec.names?.kind) throw invalid(name, 'spec.names.kind', 'Required value');
  if (name !== `${plural}.${spec.group}`)
    throw invalid(
      name,
      'metadata.name',
      `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`,
    );
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    throw invalid(
      name,
      'spec.scope',
      `Unsupported value: "${spec.scope ?? ''}": supported values: "Cluster", "Namespaced"`,
    );
  const versions: Rec[] = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0)
    throw invalid(
      name,
      'spec.versions',
      'Invalid value: must have exactly one version marked as storage version',
    );
  if (versions.filter((v) => v.storage === true).length !== 1)
    throw invalid(
      name,
      'spec.versions',
      'Invalid value: must have exactly one version marked as storage version',
    );
}

/** servedKindsOf lists the kinds a CRD serves: one per served version (and the storage version). */
export function servedKindsOf(crd: KubeObject): ServedKind[] {
  const o = crd as Rec;
  const spec: Rec = o.spec ?? {};
  const names: Rec = spec.names ?? {};
  const versions: Rec[] = Array.isArray(spec.versions) ? spec.versions : [];
  return versions
    .filter((v) => v.served === true || v.storage === true)
    .map((v) =>
      Object.freeze({
        kind: String(names.kind),
        plural: String(names.plural),
        group: String(spec.group),
        version: String(v.name),
        namespaced: spec.scope === 'Namespaced',
        shortNames: Object.freeze([...((names.shortNames as string[] | undefined) ?? [])]),
        singular: String(names.singular || String(names.kind).toLowerCase()),
        categories: Object.freeze([...((names.categories as string[] | undefined) ?? [])]),
        subresources: Object.freeze(v.subresources?.status ? ['status'] : []),
        verbs: VERBS,
        storageId: `crd/${o.metadata.name}`,
        generation: true,
        crd: String(o.metadata.name),
        printerColumns: Object.freeze([
          ...((v.additionalPrinterColumns as PrinterColumn[] | undefined) ?? []),
        ]),
      }),
    );
}

/** CrdControllerOptions: the store, the clock, and how to end the open watches of a keyspace. */
export interface CrdControllerOptions {
  store: Store;
  now: () => number;
  endWatches: (storageId: string) => void;
}

/** CrdController keeps the served custom resources in step with the stored CRDs. */
export class CrdController {
  private readonly opts: CrdControllerOptions;
  /** CRD name -> the kinds it serves now. */
  private readonly serving = new Map<string, ServedKind[]>();
  private readonly unsubscribe: () => void;

  constructor(opts: CrdControllerOptions) {
    this.opts = opts;
    this.unsubscribe = opts.store.onCommitted((k, change) => {
      if (k.group === CUSTOM_RESOURCE_DEFINITIONS.group && k.kind === CUSTOM_RESOURCE_DEFINITIONS.kind) {
        this.onChange(change);
      }
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  /**
   * delete deletes a CRD as the real server does (see the file comment) and returns its last
   * state, marked for deletion. Throws ApiError 404 when there is no such CRD.
   */
  delete(name: string): KubeObject {
    const store = this.opts.store;
    const current = store.get(CUSTOM_RESOURCE_DEFINITIONS, undefined, name);
    if (!current) store.remove(CUSTOM_RESOURCE_DEFINITIONS, undefined, name); // throws the 404
    const crd = JSON.parse(JSON.stringify(current!.obj)) as Rec;
    crd.metadata.deletionTimestamp = crd.metadata.deletionTimestamp ?? iso(this.opts.now());
    crd.metadata.finalizers = [...new Set([...(crd.metadata.finalizers ?? []), CLEANUP_FINALIZER])];
    const conditions: Rec[] = (crd.status?.conditions ?? []).filter((c: Rec) => c.type !== 'Terminating');
    conditions.push({
      type: 'Terminating',
      status: 'True',
      lastTransitionTime: iso(this.opts.now()),
      reason: 'InstanceDeletionInProgress',
      message: 'CustomResource deletion is in progress',
    });
    crd.status = { ...(crd.status ?? {}), conditions };
    const marked = store.update(CUSTOM_RESOURCE_DEFINITIONS, crd as KubeObject, { trusted: true });
    this.cleanup(name);
    store.remove(CUSTOM_RESOURCE_DEFINITIONS, undefined, name);
    return marked.copy('apiextensions.k8s.io/v1');
  }

  private onChange(change: Change): void {
    const name = change.object.obj.metadata.name!;
    if (change.type === 'DELETED') {
      this.cleanup(name);
      return;
    }
    if (change.object.obj.metadata.deletionTimestamp) return; // delete() is cleaning up
    this.sync(change.object.obj);
  }

  /** sync serves the CRD's versions (and stops serving dropped ones), then records its status. */
  private sync(crd: KubeObject): void {
    const store = this.opts.store;
    const name = crd.metadata.name!;
    const wanted = servedKindsOf(crd);
    // A name another kind already serves (built-in or another CRD's) is not accepted, not served.
    const conflict = wanted.find((k) => {
      const served = store.kindOfResource(k.group, k.version, k.plural);
      return served !== undefined && served.crd !== name;
    });
    const kinds = conflict ? [] : wanted;
    const before = this.serving.get(name) ?? [];
    for (const k of before) {
      if (!kinds.some((n) => n.version === k.version && n.plural === k.plural && n.group === k.group)) {
        store.unregister(k);
      }
    }
    for (const k of kinds) store.register(k);
    this.serving.set(name, kinds);
    const status = this.desiredStatus(crd, conflict?.plural);
    if (JSON.stringify(stripTimes(status)) !== JSON.stringify(stripTimes((crd as Rec).status ?? {}))) {
      store.update(CUSTOM_RESOURCE_DEFINITIONS, { ...crd, status } as KubeObject, { trusted: true });
    }
  }

  private desiredStatus(crd: KubeObject, conflict: string | undefined): Rec {
    const o = crd as Rec;
    const spec: Rec = o.spec ?? {};
    const names: Rec = spec.names ?? {};
    const at = iso(this.opts.now());
    const old: Rec[] = o.status?.conditions ?? [];
    const since = (type: string, status: string) =>
      old.find((c) => c.type === type && c.status === status)?.lastTransitionTime ?? at;
    const accepted: Rec = {
      plural: names.plural,
      singular: names.singular || String(names.kind).toLowerCase(),
    };
    if (names.shortNames?.length) accepted.shortNames = [...names.shortNames];
    accepted.kind = names.kind;
    accepted.listKind = names.listKind || `${names.kind}List`;
    if (names.categories?.length) accepted.categories = [...names.categories];
    const storage = (spec.versions as Rec[]).find((v) => v.storage === true)?.name;
    const stored: string[] = [...(o.status?.storedVersions ?? [])];
    if (storage && !stored.includes(storage)) stored.push(storage);
    if (conflict !== undefined) {
      return {
        conditions: [
          {
            type: 'NamesAccepted',
            status: 'False',
            lastTransitionTime: since('NamesAccepted', 'False'),
            reason: 'NameConflict',
            message: `"${conflict}" is already in use`,
          },
          {
            type: 'Established',
            status: 'False',
            lastTransitionTime: since('Established', 'False'),
            reason: 'NotAccepted',
            message: 'not all names are accepted',
          },
        ],
        acceptedNames: { plural: '', kind: '' },
        storedVersions: stored,
      };
    }
    return {
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          lastTransitionTime: since('NamesAccepted', 'True'),
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          lastTransitionTime: since('Established', 'True'),
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      acceptedNames: accepted,
      storedVersions: stored,
    };
  }

  /** cleanup deletes every instance of the CRD, ends its watches and stops serving it (idempotent). */
  private cleanup(name: string): void {
    const store = this.opts.store;
    const kinds = this.serving.get(name);
    if (!kinds || kinds.length === 0) return;
    const k = kinds[0]!;
    for (const o of [...store.storageOf(k).scan(new Map())]) {
      store.remove(k, o.obj.metadata.namespace, o.obj.metadata.name!);
    }
    this.opts.endWatches(k.storageId);
    for (const kind of kinds) store.unregister(kind);
    this.serving.delete(name);
  }
}

function stripTimes(status: Rec): Rec {
  const conditions = ((status.conditions as Rec[] | undefined) ?? []).map(
    ({ lastTransitionTime: _t, ...rest }) => rest,
  );
  return { ...status, conditions };
}
