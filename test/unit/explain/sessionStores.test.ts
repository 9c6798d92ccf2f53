/**
 * sessionStores: the host's explanations read the eager kinds, the running lazy kinds the
 * explainers use (HPAs…) and the involved custom resource's kind, only when synced, and never
 * start an informer.
 */
import * as assert from 'node:assert/strict';
import { Indexer } from '../../../src/core/cache/indexer';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import type { KindStatus } from '../../../src/core/cluster/status';
import { explain } from '../../../src/core/explain/explain';
import { PodsByNodeIndex } from '../../../src/core/explain/podsByNode';
import { sessionStores, type SessionStoresSource } from '../../../src/core/explain/sessionStores';
import { StoresExplainCache } from '../../../src/core/explain/storesCache';
import {
  HORIZONTAL_POD_AUTOSCALERS,
  kindId,
  NODES,
  PODS,
  SERVICES,
  type ResourceKind,
} from '../../../src/core/kinds';
import { ev, NOW, obj } from './builders';

const CERTIFICATES: ResourceKind = Object.freeze({
  kind: 'Certificate',
  plural: 'certificates',
  group: 'cert-manager.io',
  version: 'v1',
  namespaced: true,
  shortNames: [],
});
/** A kind of another group named like a core one. */
const OTHER_SERVICES: ResourceKind = Object.freeze({ ...SERVICES, group: 'serving.knative.dev' });

function store(objs: KubeObject[] = []): Indexer<KubeObject> {
  const s = new Indexer<KubeObject>({ keyFunc: metaNamespaceKey, indexers: {} });
  for (const o of objs) s.set(o);
  return s;
}

/** FakeSession: stores and statuses by kind id; records every call so nothing else is used. */
class FakeSession implements SessionStoresSource {
  readonly calls: string[] = [];
  constructor(
    private readonly kinds: Map<string, { store: Indexer<KubeObject>; status: KindStatus }>,
    readonly discovery?: SessionStoresSource['discovery'],
  ) {}
  storeOf(kind: ResourceKind) {
    this.calls.push(`storeOf ${kindId(kind)}`);
    return this.kinds.get(kindId(kind))?.store;
  }
  kindStatusOf(kind: ResourceKind): KindStatus {
    this.calls.push(`status ${kindId(kind)}`);
    return this.kinds.get(kindId(kind))?.status ?? { phase: 'idle' };
  }
}

const synced: KindStatus = { phase: 'synced', objectCount: 1 };
const discovered = [PODS, NODES, SERVICES, HORIZONTAL_POD_AUTOSCALERS, CERTIFICATES, OTHER_SERVICES];
const discovery: SessionStoresSource['discovery'] = {
  byResource: (group, plural) => discovered.find((k) => k.group === group && k.plural === plural),
  resolve: (kind, apiVersion) => {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    return discovered.find((k) => k.kind === kind && k.group === group);
  },
};

describe('explain/sessionStores (which caches the host explains from)', () => {
  const failing = obj('Certificate', 'prod', 'shop-tls', {
    status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'order failed' }] },
  });

  it('eager kinds when synced; running lazy kinds; the involved custom resource kind', () => {
    const session = new FakeSession(
      new Map([
        [kindId(PODS), { store: store(), status: synced }],
        [kindId(NODES), { store: store(), status: { phase: 'connecting' } }],
        [kindId(SERVICES), { store: store(), status: synced }],
        [kindId(HORIZONTAL_POD_AUTOSCALERS), { store: store(), status: synced }],
        [kindId(CERTIFICATES), { store: store([failing]), status: synced }],
        [kindId(OTHER_SERVICES), { store: store(), status: synced }],
      ]),
      discovery,
    );
    const stores = sessionStores(session, [PODS, NODES, SERVICES], {
      kind: 'Certificate',
      apiVersion: 'cert-manager.io/v1',
    });
    assert.deepEqual([...stores.keys()].sort(), ['Certificate', 'HorizontalPodAutoscaler', 'Pod', 'Service']);
    // SessionStoresSource has no acquire (by type): reading the stores starts no informer.

    // The host's cache then explains the Certificate's Warning from its conditions.
    const cache = new StoresExplainCache({ stores, podsByNode: new PodsByNodeIndex() });
    const base = ev('Failed', 'order failed', { kind: 'Certificate', namespace: 'prod', name: 'shop-tls' });
    const e = { ...base, involved: { ...base.involved, apiVersion: 'cert-manager.io/v1' } };
    const x = explain(e, cache, NOW);
    assert.equal(x.cause, 'Certificate shop-tls is NotReady: Ready=False (Failed): order failed');
  });

  it('reads a lazy kind in the involved object’s namespace, where leaseExplainKinds leases it', () => {
    // Certificates run in `prod` only (the explain lease of an event in prod): synced there, idle cluster-wide.
    const asked: string[] = [];
    const session: SessionStoresSource = {
      discovery,
      storeOf: (kind, namespace) =>
        kind === CERTIFICATES && namespace === 'prod' ? store([failing]) : undefined,
      kindStatusOf: (kind, namespace) => {
        asked.push(`${kind.plural} in ${namespace ?? '*'}`);
        return kind === CERTIFICATES && namespace === 'prod' ? synced : { phase: 'idle' };
      },
    };
    const inProd = sessionStores(session, [], {
      kind: 'Certificate',
      apiVersion: 'cert-manager.io/v1',
      namespace: 'prod',
    });
    assert.deepEqual([...inProd.keys()], ['Certificate']);
    assert.ok(asked.includes('certificates in prod'), asked.join(', '));
    const elsewhere = sessionStores(session, [], {
      kind: 'Certificate',
      apiVersion: 'cert-manager.io/v1',
      namespace: 'shop',
    });
    assert.equal(elsewhere.size, 0, 'not watched in shop');
  });

  it('a lazy kind not running, or not synced, is left out (not watched)', () => {
    const session = new FakeSession(
      new Map([[kindId(CERTIFICATES), { store: store([failing]), status: { phase: 'connecting' } }]]),
      discovery,
    );
    const stores = sessionStores(session, [], { kind: 'Certificate', apiVersion: 'cert-manager.io/v1' });
    assert.equal(stores.size, 0);
    const cache = new StoresExplainCache({ stores, podsByNode: new PodsByNodeIndex() });
    const e = ev('Failed', 'order failed', { kind: 'Certificate', namespace: 'prod', name: 'shop-tls' });
    assert.equal(explain(e, cache, NOW).confidence, 'generic');
  });

  it('another group’s kind never replaces a kind name already taken', () => {
    const core = store();
    const session = new FakeSession(
      new Map([
        [kindId(SERVICES), { store: core, status: synced }],
        [kindId(OTHER_SERVICES), { store: store(), status: synced }],
      ]),
      discovery,
    );
    const stores = sessionStores(session, [SERVICES], {
      kind: 'Service',
      apiVersion: 'serving.knative.dev/v1',
    });
    assert.equal(stores.get('Service'), core);
  });

  it('without discovery: the eager kinds only', () => {
    const session = new FakeSession(new Map([[kindId(PODS), { store: store(), status: synced }]]));
    const stores = sessionStores(session, [PODS], { kind: 'Certificate', apiVersion: 'cert-manager.io/v1' });
    assert.deepEqual([...stores.keys()], ['Pod']);
  });
});
