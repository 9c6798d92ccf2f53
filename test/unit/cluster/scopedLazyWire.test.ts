import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeObject } from '../../../src/core/cache/types';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { type ContextManager } from '../../../src/core/cluster/contextManager';
import { type ContextInfo } from '../../../src/kube/kubeconfig';
import { namespace } from '../../server/fixtures';
import { startTestServer, type TestServer } from '../../server/index';
import { waitFor } from '../fakes/waitFor';
import { startKubeSession } from '../fakes/kubeSession';

/** waitFor polls `cond` (the server runs on real sockets); it bounds the wait, never asserts a time. */

function configMap(ns: string, name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns, name }, data: { k: 'v' } };
}

const NAMESPACE_NAMES = ['shop', 'prod', 'dev'];
const PER_NAMESPACE = 4;

describe('lazy kinds leased per namespace, on the wire (test API server)', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;

  before(async () => {
    server = await startTestServer();
    server.addTokenUser('admin', 'admin-secret');
    server.grantAll('admin');
    // jane may list the eager kinds everywhere, but ConfigMaps in `shop` only.
    server.addTokenUser('jane', 'jane-secret');
    server.allow('jane', {
      verbs: '*',
      resources: ['namespaces', 'pods', 'selfsubjectaccessreviews', 'customresourcedefinitions'],
    });
    server.allow('jane', { verbs: '*', resources: ['configmaps'], namespaces: ['shop'] });
    for (const ns of NAMESPACE_NAMES) {
      server.create(namespace(ns));
      for (let i = 0; i < PER_NAMESPACE; i++) server.create(configMap(ns, `cm-${i}`));
    }
  });
  after(async () => server.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-scoped-'))));
  afterEach(() => {
    manager?.dispose();
    manager = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(user: string): Promise<ClusterSession> {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, server.kubeconfig({ user, token: `${user}-secret`, contextName: 'c' }));
    const { manager: m, session: s } = startKubeSession(file, { lazyIdleMs: 60_000 });
    manager = m;
    await waitFor(() => m.status('c')?.phase === 'synced', 'eager kinds synced');
    await waitFor(() => s.discovery?.status.phase === 'ready', 'discovery ready');
    server.clearRequests();
    return s;
  }

  const configMapRequests = () => server.requests.filter((r) => r.resource === 'configmaps');

  it('expanding a kind under one namespace sends LIST and WATCH for that namespace only', async () => {
    const s = await connect('admin');
    const kind = s.discovery!.byResource('', 'configmaps')!;
    const lease = s.acquire(kind, 'shop');
    await waitFor(() => s.kindStatusOf(kind, 'shop').phase === 'synced', 'ConfigMaps synced in shop');
    await waitFor(() => configMapRequests().some((r) => r.verb === 'watch'), 'the ConfigMaps watch');
    const asked = configMapRequests().map((r) => `${r.verb} ${r.path}`);
    assert.deepEqual(asked, [
      'list /api/v1/namespaces/shop/configmaps',
      'watch /api/v1/namespaces/shop/configmaps',
    ]);
    assert.equal(s.storeOf(kind, 'shop')!.size, PER_NAMESPACE, 'only that namespace was listed');
    lease.dispose();
  });

  it('a namespace the user may list works directly while the cluster-wide LIST is forbidden', async () => {
    const s = await connect('jane');
    const kind = s.discovery!.byResource('', 'configmaps')!;
    s.acquire(kind, 'shop');
    s.acquire(kind, 'prod');
    await waitFor(() => s.kindStatusOf(kind, 'shop').phase === 'synced', 'ConfigMaps synced in shop');
    await waitFor(() => s.kindStatusOf(kind, 'prod').phase === 'forbidden', 'ConfigMaps forbidden in prod');
    assert.equal(s.storeOf(kind, 'shop')!.size, PER_NAMESPACE);
    const wide = configMapRequests().filter((r) => r.namespace === undefined);
    assert.deepEqual(wide, [], 'no cluster-wide request');
    const denied = configMapRequests().filter((r) => r.status === 403);
    assert.deepEqual(
      denied.map((r) => r.path),
      ['/api/v1/namespaces/prod/configmaps'],
    );
  });
});
