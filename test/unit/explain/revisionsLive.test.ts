/**
 * The ControllerRevision lease end to end, against the test API server serving the demo
 * cluster: a session with the eager kinds, explained as ExplainService does (sessionStores +
 * StoresExplainCache + holdRevisionsFor). Nothing asks for controllerrevisions until a shown
 * explanation needs them; then the explanation gains its rollout once the informer syncs,
 * follows a new revision live, and the informer stops after the lease is released.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  INVOLVED_UID_INDEX,
  involvedUidIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../../src/core/cache/indexers';
import type { IndexFunc } from '../../../src/core/cache/store';
import type { KubeObject } from '../../../src/core/cache/types';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { ContextManager } from '../../../src/core/cluster/contextManager';
import { normalizeEvent } from '../../../src/core/events/model';
import { explain } from '../../../src/core/explain/explain';
import { PodsByNodeIndex } from '../../../src/core/explain/podsByNode';
import { holdRevisionsFor, LeaseRounds, type LeaseHolder } from '../../../src/core/explain/revisionLeases';
import { sessionStores } from '../../../src/core/explain/sessionStores';
import { StoresExplainCache } from '../../../src/core/explain/storesCache';
import type { Explanation } from '../../../src/core/explain/types';
import {
  DAEMONSETS,
  DEPLOYMENTS,
  EVENTS,
  NAMESPACES,
  NODES,
  PODS,
  REPLICASETS,
  STATEFULSETS,
} from '../../../src/core/kinds';
import { CredentialProviders } from '../../../src/kube/credentials';
import { loadKubeconfigs, type ContextInfo } from '../../../src/kube/kubeconfig';
import { createKubeSessionFactory } from '../../../src/kube/sessionFactory';
import { seedCluster, type SeededCluster } from '../../scenario/cluster';
import { controllerRevision } from '../../server/fixturesAdded';
import { startTestServer, type TestServer } from '../../server/index';
import { waitFor } from '../fakes/waitFor';

const EAGER = [NAMESPACES, NODES, PODS, DEPLOYMENTS, REPLICASETS, STATEFULSETS, DAEMONSETS];

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('explain: ControllerRevisions leased live from the test API server', function () {
  this.timeout(30000);
  let server: TestServer;
  let seeded: SeededCluster;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;

  before(async () => {
    server = await startTestServer();
    server.addTokenUser('u', 'u-secret');
    server.grantAll('u');
    seeded = seedCluster(server);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-revisions-'));
  });
  after(async () => {
    manager?.dispose();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<ClusterSession> {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, server.kubeconfig({ user: 'u', token: 'u-secret', contextName: 'c' }));
    const loaded = loadKubeconfigs([file]);
    const m = new ContextManager<ContextInfo, ClusterSession>({
      sessionFactory: createKubeSessionFactory({
        config: () => loaded.config,
        credentials: new CredentialProviders(),
        kinds: [...EAGER, EVENTS],
        lazyIdleMs: 200,
        informerOptions: (kind): { indexers: Record<string, IndexFunc<KubeObject>> } => ({
          indexers:
            kind === EVENTS
              ? { [INVOLVED_UID_INDEX]: involvedUidIndexFunc }
              : { [OWNER_UID_INDEX]: ownerUidIndexFunc },
        }),
      }),
    });
    manager = m;
    m.reconcile(loaded.contexts);
    m.connect('c');
    const s = m.session('c')!;
    await waitFor(() => m.status('c')?.phase === 'synced', 'eager kinds synced');
    await waitFor(() => s.discovery?.status.phase === 'ready', 'discovery ready');
    return s;
  }

  /** explainIn explains as ExplainService does. */
  function explainIn(s: ClusterSession, raw: KubeObject, holder?: LeaseHolder): Explanation {
    const e = { ...normalizeEvent(raw), context: 'c' };
    const stores = sessionStores(s, EAGER, e.involved);
    const pods = PodsByNodeIndex.fromList(s.store(PODS).list());
    const cache = new StoresExplainCache({ stores, events: s.store(EVENTS), podsByNode: pods });
    if (holder) holdRevisionsFor(e, cache, s, holder);
    return explain(e, cache, Date.now());
  }

  const pullFailureOn = (s: ClusterSession, ns: string, pod: string) =>
    s
      .store(EVENTS)
      .list()
      .find(
        (e) =>
          (e as Rec)['involvedObject']?.name === pod &&
          e.metadata.namespace === ns &&
          /^Failed to pull image/.test(String((e as Rec)['message'])),
      )!;
  const asked = () => server.requests.filter((r) => r.resource === 'controllerrevisions');

  it('asks nothing until a shown explanation needs revisions; then gains the rollout, follows it live, and lets go', async () => {
    const s = await connect();
    const crKind = s.discovery!.byResource('apps', 'controllerrevisions')!;
    assert.ok(crKind, 'discovery serves controllerrevisions.apps');
    const warning = pullFailureOn(s, 'prod', 'cache-2');
    assert.ok(warning, 'the demo pull failure on prod/cache-2');
    server.clearRequests();

    // Explained without a holder (a tooltip), or a Deployment pod's Warning: no request.
    assert.equal(explainIn(s, warning).rollout, undefined);
    const leases = new LeaseRounds();
    const api = s
      .store(EVENTS)
      .list()
      .find((e) => String((e as Rec)['involvedObject']?.name) === seeded.crashLoopPod)!;
    leases.round((h) => explainIn(s, api, h));
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(asked(), []);
    assert.equal(leases.size, 0);

    // Shown in the panel: the lease starts the informer; the explanation follows when it syncs.
    const first = leases.round((h) => explainIn(s, warning, h));
    assert.equal(first.rollout, undefined, 'not synced yet: no claim');
    assert.equal(leases.size, 1);
    await waitFor(() => s.kindStatusOf(crKind).phase === 'synced', 'ControllerRevisions synced');
    await waitFor(() => asked().some((r) => r.verb === 'watch'), 'the ControllerRevision watch');
    assert.ok(asked().some((r) => r.verb === 'list'));
    const synced = leases.round((h) => explainIn(s, warning, h));
    assert.equal(synced.rollout?.revision, '2');
    assert.deepEqual(
      synced.rollout?.changes.map((c) => c.text),
      ['redis: image redis:7.4.1 → redis:7.4.10'],
    );
    assert.ok(synced.evidence.some((e) => /after cache rolled out revision 2$/.test(e.text)));

    // Live: the StatefulSet rolls out revision 3; cache-2 is re-created at it.
    const sts = server.get('apps/v1', 'StatefulSet', 'prod', 'cache') as Rec;
    const template = structuredClone(sts.spec.template);
    template.spec.containers[0].image = 'redis:7.4.2';
    const owner = { kind: 'StatefulSet' as const, namespace: 'prod', name: 'cache', uid: sts.metadata.uid };
    const cr3 = server.create(controllerRevision(owner, 'f7c9d8b6x', 3, template)) as Rec;
    const pod = server.get('v1', 'Pod', 'prod', 'cache-2') as Rec;
    pod.metadata.labels['controller-revision-hash'] = cr3.metadata.name;
    server.update(pod as KubeObject);
    await waitFor(
      () => leases.round((h) => explainIn(s, warning, h)).rollout?.revision === '3',
      'the explanation follows revision 3',
    );
    const live = leases.round((h) => explainIn(s, warning, h));
    assert.equal(live.rollout?.previousRevision, '2');
    assert.deepEqual(
      live.rollout?.changes.map((c) => c.text),
      ['redis: image redis:7.4.10 → redis:7.4.2'],
    );

    // The panel moves on: the lease goes, and the informer stops after its idle delay.
    leases.round(() => undefined);
    assert.equal(leases.size, 0);
    await waitFor(() => s.storeOf(crKind) === undefined, 'ControllerRevisions stopped');
    assert.equal(explainIn(s, warning).rollout, undefined);
  });
});
