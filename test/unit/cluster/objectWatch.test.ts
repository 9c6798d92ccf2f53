import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClusterSession } from '../../../src/core/cluster/clusterSession';
import { type ContextManager } from '../../../src/core/cluster/contextManager';
import { fieldSelectorFor, type ObjectWatch } from '../../../src/core/cluster/objectWatch';
import { type ResourceKind } from '../../../src/core/kinds';
import { TRUNCATED_ANNOTATION } from '../../../src/core/resources/summary';
import { type ContextInfo } from '../../../src/kube/kubeconfig';
import { namespace, pod } from '../../server/fixtures';
import { customResource, customResourceDefinition, persistentVolumeClaim } from '../../server/fixturesAdded';
import { startTestServer, type TestServer } from '../../server/index';
import { waitFor } from '../fakes/waitFor';
import { startKubeSession } from '../fakes/kubeSession';

const pvc = (name: string, size = '10Gi') => persistentVolumeClaim('shop', name, { size });
const sizeOf = (w: ObjectWatch) =>
  (w.object?.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests
    ?.storage;

describe('ObjectWatch: one object of a lazy kind, GET then a name-selected WATCH, against the test API server', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  let manager: ContextManager<ContextInfo, ClusterSession> | undefined;
  const watches: ObjectWatch[] = [];

  before(async () => {
    server = await startTestServer();
    server.addTokenUser('u', 'u-secret');
    server.grantAll('u');
    server.addTokenUser('limited', 'limited-secret');
    server.allow('limited', { verbs: '*', resources: ['namespaces', 'pods', 'selfsubjectaccessreviews'] });
    server.create(namespace('shop'));
    server.create(pod('shop', 'web-1'));
  });
  after(async () => server.stop());
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-objw-'))));
  afterEach(() => {
    for (const w of watches.splice(0)) w.dispose();
    manager?.dispose();
    manager = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(
    user = 'u',
    readLimits?: { maxObjectBytes: number; maxLineBytes: number },
  ): Promise<ClusterSession> {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, server.kubeconfig({ user, token: `${user}-secret`, contextName: 'c' }));
    const { manager: m, session: s } = startKubeSession(file, {
      // Fast retries: the 410 and forbidden cases back off before their next request.
      informerOptions: () => ({ backoff: { initialMs: 20, maxMs: 200 } }),
      readLimits,
    });
    manager = m;
    await waitFor(() => m.status('c')?.phase === 'synced', 'eager kinds synced');
    await waitFor(
      () => s.discovery?.status.phase === 'ready' || s.discovery?.status.phase === 'forbidden',
      'discovery',
    );
    return s;
  }

  function kindOf(s: ClusterSession, group: string, plural: string): ResourceKind {
    const k = s.discovery!.byResource(group, plural);
    assert.ok(k, `${group}/${plural} discovered`);
    return k;
  }

  function watch(s: ClusterSession, kind: ResourceKind, ns: string | undefined, name: string): ObjectWatch {
    const w = s.watchObject(kind, { namespace: ns, name });
    assert.ok(w, 'a single-object watch');
    watches.push(w);
    return w;
  }

  const requestsFor = (resource: string) =>
    server.requests
      .filter((r) => r.resource === resource)
      .map((r) => ({ verb: r.verb, query: r.query, name: r.name }));

  it('GETs the object, then watches it by name from its resourceVersion; never lists the kind', async () => {
    const created = server.create(pvc('data')) as { metadata: { resourceVersion: string } };
    server.create(pvc('other'));
    const s = await connect();
    server.clearRequests();
    const w = watch(s, kindOf(s, '', 'persistentvolumeclaims'), 'shop', 'data');
    await waitFor(() => w.status.phase === 'synced', 'synced');
    assert.deepEqual(w.store.listKeys(), ['shop/data']);
    await waitFor(() => requestsFor('persistentvolumeclaims').some((r) => r.verb === 'watch'), 'watch');
    const asked = requestsFor('persistentvolumeclaims');
    assert.deepEqual(
      asked.map((r) => r.verb),
      ['get', 'watch'],
    );
    assert.equal(asked[0]!.name, 'data');
    assert.equal(asked[1]!.query.fieldSelector, 'metadata.name=data');
    assert.equal(asked[1]!.query.resourceVersion, created.metadata.resourceVersion);
    // Its changes arrive; another object's do not.
    const changed = pvc('data', '20Gi');
    server.update(changed);
    await waitFor(() => sizeOf(w) === '20Gi', 'update seen');
    server.update(pvc('other', '30Gi'));
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(w.store.listKeys(), ['shop/data']);
    assert.equal(w.status.phase === 'synced' && w.status.objectCount, 1);
    assert.equal(s.objectWatchCount, 1);
    w.dispose();
    assert.equal(s.objectWatchCount, 0);
    assert.equal(w.status.phase, 'stopped');
    await waitFor(
      () => server.faults.closeWatches({ resource: 'persistentvolumeclaims' }) === 0,
      'watch closed',
    );
  });

  it('a 410 on the watch re-GETs the object and watches on from the new version', async () => {
    server.create(pvc('gone-410'));
    const s = await connect();
    server.clearRequests();
    const w = watch(s, kindOf(s, '', 'persistentvolumeclaims'), 'shop', 'gone-410');
    await waitFor(() => requestsFor('persistentvolumeclaims').some((r) => r.verb === 'watch'), 'watch');
    server.update(pvc('gone-410', '11Gi'));
    await waitFor(() => sizeOf(w) === '11Gi', 'first update');
    server.faults.compact();
    assert.ok(server.faults.sendWatchError410({ resource: 'persistentvolumeclaims' }) >= 1);
    await waitFor(
      () => requestsFor('persistentvolumeclaims').filter((r) => r.verb === 'get').length === 2,
      're-GET',
    );
    server.update(pvc('gone-410', '12Gi'));
    await waitFor(() => sizeOf(w) === '12Gi', 'update after the 410');
    const verbs = requestsFor('persistentvolumeclaims').map((r) => r.verb);
    assert.ok(!verbs.includes('list'), verbs.join(' '));
  });

  it('a deleted object leaves the store; created again, it comes back (same watch)', async () => {
    server.create(pvc('doomed'));
    const s = await connect();
    const w = watch(s, kindOf(s, '', 'persistentvolumeclaims'), 'shop', 'doomed');
    await waitFor(() => w.object !== undefined, 'cached');
    const deleted: string[] = [];
    w.addEventHandler({ onDelete: (o) => deleted.push(('metadata' in o ? o : o.obj).metadata.name ?? '') });
    // Let the (re-opened) watch start before the delete.
    await waitFor(
      () => server.requests.some((r) => r.resource === 'persistentvolumeclaims' && r.verb === 'watch'),
      'watch',
    );
    server.delete('v1', 'PersistentVolumeClaim', 'shop', 'doomed');
    await waitFor(() => w.object === undefined, 'deleted');
    assert.deepEqual(deleted, ['doomed']);
    assert.equal(w.status.phase === 'synced' && w.status.objectCount, 0);
    server.create(pvc('doomed', '1Gi'));
    await waitFor(() => sizeOf(w) === '1Gi', 're-created');
  });

  it('an object not found at the start: a name-selected LIST gives the version to watch from', async () => {
    const s = await connect();
    server.clearRequests();
    const w = watch(s, kindOf(s, '', 'persistentvolumeclaims'), 'shop', 'later');
    await waitFor(() => w.status.phase === 'synced', 'synced (empty)');
    assert.equal(w.object, undefined);
    await waitFor(() => requestsFor('persistentvolumeclaims').some((r) => r.verb === 'watch'), 'watch');
    const asked = requestsFor('persistentvolumeclaims');
    assert.deepEqual(
      asked.map((r) => `${r.verb} ${r.query.fieldSelector ?? ''}`),
      ['get ', 'list metadata.name=later', 'watch metadata.name=later'],
    );
    server.create(pvc('later'));
    await waitFor(() => w.object?.metadata.name === 'later', 'created later');
  });

  it('a kind the user may not read shows as forbidden, and stops cleanly', async () => {
    server.create(pvc('secret-ish'));
    const s = await connect('limited');
    // Discovery is allowed (non-resource URLs); the PVC itself is not.
    const kind = s.discovery!.byResource('', 'persistentvolumeclaims') ?? {
      group: '',
      version: 'v1',
      kind: 'PersistentVolumeClaim',
      plural: 'persistentvolumeclaims',
      namespaced: true,
      shortNames: [],
    };
    const w = watch(s, kind, 'shop', 'secret-ish');
    await waitFor(() => w.status.phase === 'forbidden', 'forbidden');
    assert.equal(w.object, undefined);
    w.dispose();
    assert.equal(w.status.phase, 'stopped');
  });

  it('a custom resource: GET and watch under its group, cluster-scoped ones without a namespace', async () => {
    server.create(
      customResourceDefinition({ group: 'example.com', kind: 'Widget', plural: 'widgets', scope: 'Cluster' }),
    );
    server.create(customResource('example.com/v1', 'Widget', undefined, 'w1', { spec: { size: 1 } }));
    const s = await connect();
    await waitFor(() => s.discovery!.byResource('example.com', 'widgets') !== undefined, 'CRD discovered');
    server.clearRequests();
    const w = watch(s, kindOf(s, 'example.com', 'widgets'), undefined, 'w1');
    await waitFor(() => w.object?.metadata.name === 'w1', 'cached');
    assert.deepEqual(w.store.listKeys(), ['w1']);
    await waitFor(() => requestsFor('widgets').some((r) => r.verb === 'watch'), 'watch');
    const watchReq = server.requests.find((r) => r.resource === 'widgets' && r.verb === 'watch')!;
    assert.equal(watchReq.path, '/apis/example.com/v1/widgets');
  });

  it('a Secret is cached as metadata only, from its GET on', async () => {
    server.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'token', namespace: 'shop' },
      data: { password: Buffer.from('hunter2').toString('base64') },
    });
    const s = await connect();
    const w = watch(s, kindOf(s, '', 'secrets'), 'shop', 'token');
    await waitFor(() => w.object !== undefined, 'cached');
    assert.equal(w.object!.kind, 'Secret');
    assert.equal(w.object!.data, undefined);
    assert.ok(!JSON.stringify(w.object).includes(Buffer.from('hunter2').toString('base64')));
  });

  it('the session stops its single-object watches with it', async () => {
    server.create(pvc('kept'));
    const s = await connect();
    const w = watch(s, kindOf(s, '', 'persistentvolumeclaims'), 'shop', 'kept');
    await waitFor(() => w.object !== undefined, 'cached');
    s.stop();
    assert.equal(w.status.phase, 'stopped');
    assert.equal(s.objectWatchCount, 0);
    assert.equal(
      s.watchObject(kindOf(s, '', 'persistentvolumeclaims'), { namespace: 'shop', name: 'kept' }),
      undefined,
    );
  });

  it('bounds the GET: an object over maxObjectBytes is kept as metadata, one over maxLineBytes is an error', async () => {
    const big = (name: string, bytes: number) => {
      const o = pvc(name);
      o.metadata.annotations = { note: 'x'.repeat(bytes) };
      return o;
    };
    server.create(big('large', 5_000));
    server.create(big('huge', 60_000));
    const s = await connect('u', { maxObjectBytes: 2_000, maxLineBytes: 50_000 });
    const kind = kindOf(s, '', 'persistentvolumeclaims');
    const large = watch(s, kind, 'shop', 'large');
    await waitFor(() => large.object !== undefined, 'large cached');
    assert.equal(large.object!.spec, undefined, 'kept with its metadata only');
    assert.ok(large.object!.metadata.annotations?.[TRUNCATED_ANNOTATION], 'marked as truncated');
    const huge = watch(s, kind, 'shop', 'huge');
    await waitFor(() => huge.status.phase === 'retrying', 'refused');
    assert.match(huge.status.phase === 'retrying' ? huge.status.error : '', /exceeds/);
    assert.equal(huge.object, undefined);
  });

  it('fieldSelectorFor escapes the selector syntax in a name', () => {
    assert.equal(fieldSelectorFor('a,b=c\\d'), 'metadata.name=a\\,b\\=c\\\\d');
  });
});
