import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { type ContextManager } from '../../../src/core/cluster/contextManager';
import { type ContextInfo } from '../../../src/kube/kubeconfig';
import { deployment, namespace, pod } from '../../server/fixtures';
import { startTestServer, type TestServer } from '../../server/index';
import { waitFor } from '../fakes/waitFor';
import { startKubeSession } from '../fakes/kubeSession';

const EAGER = new Set(['namespaces', 'pods', 'selfsubjectaccessreviews', 'customresourcedefinitions']);

describe('session discovery and lazy kinds against the test API server', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;

  before(async () => {
    server = await startTestServer();
    server.addTokenUser('u', 'u-secret');
    server.grantAll('u');
    server.create(namespace('shop'));
    server.create(pod('shop', 'web-1'));
    server.create(deployment('shop', 'web'));
  });
  after(async () => server.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-disc-'))));
  afterEach(() => {
    manager?.dispose();
    manager = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<ClusterSession> {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, server.kubeconfig({ user: 'u', token: 'u-secret', contextName: 'c' }));
    server.clearRequests();
    const { manager: m, session: s } = startKubeSession(file, { lazyIdleMs: 200 });
    manager = m;
    await waitFor(() => m.status('c')?.phase === 'synced', 'eager kinds synced');
    await waitFor(() => s.discovery?.status.phase === 'ready', 'discovery ready');
    return s;
  }

  it('discovers every served kind, and makes no request for a kind never opened', async () => {
    const s = await connect();
    const plurals = s.discovery!.kinds.map((k) => `${k.group}/${k.plural}`);
    assert.ok(plurals.includes('apps/deployments'), plurals.join(' '));
    assert.ok(plurals.includes('events.k8s.io/events'));
    // Let the watches settle, then look at everything that was asked of the server.
    await new Promise((r) => setTimeout(r, 300));
    const resources = server.requests.filter((r) => r.resource !== undefined && !EAGER.has(r.resource));
    assert.deepEqual(
      resources.map((r) => `${r.verb} ${r.path}`),
      [],
    );
    assert.ok(!s.storeOf(s.discovery!.byResource('apps', 'deployments')!));
  });

  it('a lease starts the kind (list and watch), and the kind stops after its idle delay', async () => {
    const s = await connect();
    const deployments = s.discovery!.byResource('apps', 'deployments')!;
    const lease = s.acquire(deployments);
    await waitFor(() => s.kindStatusOf(deployments).phase === 'synced', 'lazy kind synced');
    assert.deepEqual(s.storeOf(deployments)!.listKeys(), ['shop/web']);
    // The watch opens right after the list has synced: wait for it rather than race it.
    const asked = () => server.requests.filter((r) => r.resource === 'deployments').map((r) => r.verb);
    await waitFor(() => asked().includes('watch'), 'the deployments watch');
    assert.ok(asked().includes('list'), asked().join(' '));
    lease.dispose();
    assert.ok(s.storeOf(deployments), 'kept during the idle delay');
    await waitFor(() => s.storeOf(deployments) === undefined, 'stopped after idle');
    assert.equal(s.kindStatusOf(deployments).phase, 'idle');
  });

  // The test server serves CRDs: the session follows them with one list+watch and no more
  // discovery rounds than the first (a server without CRDs: clusterDiscovery.test.ts).
  it('follows CRDs with one list and one watch, and runs one discovery round', async () => {
    const s = await connect();
    await waitFor(
      () => server.requests.some((r) => r.resource === 'customresourcedefinitions' && r.verb === 'watch'),
      'CRD watch',
    );
    await new Promise((r) => setTimeout(r, 300));
    const crds = server.requests.filter((r) => r.resource === 'customresourcedefinitions').map((r) => r.verb);
    assert.deepEqual(crds.sort(), ['list', 'watch']);
    assert.equal(s.discovery!.roundsStarted, 1);
  });

  // The metadata-only watch must ask for PartialObjectMetadata events: asked for the List form,
  // kube-apiserver (and the test server, like it) ends the watch at its first event.
  it('keeps a metadata-only watch of Secrets open across events: no relist per event', async () => {
    const s = await connect();
    const secrets = s.discovery!.byResource('', 'secrets')!;
    const lease = s.acquire(secrets);
    await waitFor(() => s.kindStatusOf(secrets).phase === 'synced', 'secrets synced');
    const lists = () => server.requests.filter((r) => r.resource === 'secrets' && r.verb === 'list').length;
    const before = lists();
    for (let i = 0; i < 3; i++) {
      server.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `s${i}`, namespace: 'shop' },
        data: { password: 'aHVudGVyMg==' },
      });
      await waitFor(() => s.storeOf(secrets)?.get(`shop/s${i}`) !== undefined, `secret s${i} seen`);
    }
    assert.equal(lists(), before, 'the watch delivered every event without a relist');
    assert.equal(JSON.stringify(s.storeOf(secrets)!.get('shop/s0')).includes('aHVudGVyMg'), false);
    lease.dispose();
  });
});
