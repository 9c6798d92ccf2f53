/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { ALL_KINDS, SERVED_KINDS } from '../../../src/core/kinds';
import { startTestServer, type TestServer } from '../../server';
import { compareVersions } from '../../server/discovery';
import { customResourceDefinition } from '../../server/fixturesAdded';
import { call, makeAdmin } from './helpers';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
/** What kubectl 1.32 sends (v2, then v2beta1, then plain JSON). */
const KUBECTL_ACCEPT = `${V2},application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`;

/** flatten lists `group/version/resource` for every resource of an aggregated document. */
function flatten(doc: any): Map<string, any> {
  const out = new Map<string, any>();
  for (const g of doc.items)
    for (const v of g.versions)
      for (const r of v.resources) out.set(`${g.metadata.name ?? ''}/${v.version}/${r.resource}`, r);
  return out;
}

describe('test server: discovery (aggregated v2 and legacy)', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
  });
  afterEach(() => server.stop());

  async function aggregated(): Promise<Map<string, any>> {
    const api = await call(server, '/api', { token, headers: { Accept: KUBECTL_ACCEPT } });
    const apis = await call(server, '/apis', { token, headers: { Accept: KUBECTL_ACCEPT } });
    return new Map([...flatten(api.body), ...flatten(apis.body)]);
  }

  /** legacy walks /api, /apis and every group version's APIResourceList, as kubectl did before 1.26. */
  async function legacy(): Promise<Map<string, any>> {
    const out = new Map<string, any>();
    const gvs: Array<[string, string]> = [['', 'v1']];
    const apis = await call(server, '/apis', { token });
    for (const g of apis.body.groups) for (const v of g.versions) gvs.push([g.name, v.version]);
    for (const [group, version] of gvs) {
      const r = await call(server, group ? `/apis/${group}/${version}` : `/api/${version}`, { token });
      assert.equal(r.status, 200, `${group}/${version}`);
      for (const res of r.body.resources)
        if (!res.name.includes('/')) out.set(`${group}/${version}/${res.name}`, res);
    }
    return out;
  }

  it('answers the v2 APIGroupDiscoveryList with its media type, an ETag and 304 on a match', async () => {
    const r = await call(server, '/apis', { token, headers: { Accept: KUBECTL_ACCEPT } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], V2);
    assert.equal(r.headers.vary, 'Accept');
    assert.equal(r.body.kind, 'APIGroupDiscoveryList');
    assert.equal(r.body.apiVersion, 'apidiscovery.k8s.io/v2');
    const etag = r.headers.etag as string;
    assert.match(etag, /^"[0-9A-F]+"$/);
    const again = await call(server, '/apis', { token, headers: { Accept: V2, 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const core = await call(server, '/api', { token, headers: { Accept: V2 } });
    assert.equal(core.body.items.length, 1);
    assert.equal(core.body.items[0].metadata.name, undefined, 'the core group has the empty name');
    assert.deepEqual(
      core.body.items[0].versions.map((v: any) => [v.version, v.freshness]),
      [['v1', 'Current']],
    );
  });

  it('describes each resource as a 1.32 server does: scope, singular, verbs, short names, categories, subresources', async () => {
    const all = await aggregated();
    assert.deepEqual(all.get('apps/v1/deployments'), {
      resource: 'deployments',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        {
          subresource: 'status',
          responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
    const pv = all.get('/v1/persistentvolumes');
    assert.equal(pv.scope, 'Cluster');
    assert.deepEqual(pv.responseKind, { group: '', version: 'v1', kind: 'PersistentVolume' });
    assert.equal(all.get('/v1/secrets').shortNames, undefined, 'no short names: the field is left out');
    assert.deepEqual(all.get('apiextensions.k8s.io/v1/customresourcedefinitions').categories, [
      'api-extensions',
    ]);
    assert.deepEqual(all.get('autoscaling/v2/horizontalpodautoscalers').categories, ['all']);
    assert.deepEqual(all.get('authorization.k8s.io/v1/selfsubjectaccessreviews').verbs, ['create']);
    // Resources of a version are sorted by name.
    const core = (await call(server, '/api', { token, headers: { Accept: V2 } })).body.items[0].versions[0];
    const names = core.resources.map((r: any) => r.resource);
    assert.deepEqual(names, [...names].sort());
  });

  it('serves every SERVED_KIND, the same set in the aggregated and the legacy documents', async () => {
    const agg = await aggregated();
    const leg = await legacy();
    assert.deepEqual([...agg.keys()].sort(), [...leg.keys()].sort());
    for (const k of SERVED_KINDS) {
      const key = `${k.group}/${k.version}/${k.plural}`;
      assert.ok(agg.has(key), key);
      const a = agg.get(key);
      const l = leg.get(key);
      assert.equal(a.responseKind.kind, l.kind, key);
      assert.equal(a.scope === 'Namespaced', l.namespaced, key);
      assert.equal(a.singularResource, l.singularName, key);
      assert.deepEqual(a.verbs, l.verbs, key);
      assert.deepEqual(a.shortNames ?? [], l.shortNames ?? [], key);
      assert.deepEqual(a.categories ?? [], l.categories ?? [], key);
    }
    // ALL_KINDS, what the extension watches, is unchanged and still served.
    assert.equal(ALL_KINDS.length, 12);
    assert.ok(ALL_KINDS.every((k) => SERVED_KINDS.includes(k)));
  });

  it('keeps the legacy documents for any other Accept (plain JSON, protobuf first, v2beta1 only)', async () => {
    for (const accept of [
      'application/json',
      'application/vnd.kubernetes.protobuf,application/json',
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    ]) {
      const r = await call(server, '/apis', { token, headers: { Accept: accept } });
      assert.equal(r.status, 200, accept);
      assert.equal(r.headers['content-type'], 'application/json', accept);
      assert.equal(r.body.kind, 'APIGroupList', accept);
      const core = await call(server, '/api', { token, headers: { Accept: accept } });
      assert.equal(core.body.kind, 'APIVersions', accept);
    }
  });

  it('adds and removes a CRD group in both documents, preferred version first', async () => {
    const crd = customResourceDefinition({
      group: 'example.com',
      kind: 'Widget',
      plural: 'widgets',
      version: 'v1',
    }) as any;
    crd.spec.versions.push({ ...crd.spec.versions[0], name: 'v1beta1', storage: false });
    crd.spec.versions.push({ ...crd.spec.versions[0], name: 'v1alpha1', storage: false, served: false });
    server.create(crd);
    const apis = await call(server, '/apis', { token, headers: { Accept: V2 } });
    const group = apis.body.items.find((g: any) => g.metadata.name === 'example.com');
    assert.deepEqual(
      group.versions.map((v: any) => v.version),
      ['v1', 'v1beta1'],
      'served versions only, preferred first',
    );
    const legacyGroup = await call(server, '/apis/example.com', { token });
    assert.equal(legacyGroup.body.preferredVersion.version, 'v1');
    assert.equal((await call(server, '/apis/example.com/v1alpha1', { token })).status, 404);
    const etag = apis.headers.etag;
    server.delete('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, 'widgets.example.com');
    const after = await call(server, '/apis', {
      token,
      headers: { Accept: V2, 'If-None-Match': String(etag) },
    });
    assert.equal(after.status, 200, 'the document changed, so the ETag no longer matches');
    assert.ok(!after.body.items.some((g: any) => g.metadata.name === 'example.com'));
    assert.equal((await call(server, '/apis/example.com', { token })).status, 404);
  });

  it('orders versions as Kubernetes does', () => {
    assert.deepEqual(['v1alpha1', 'v2beta1', 'v1', 'v1beta2', 'foo', 'v2', 'v1beta1'].sort(compareVersions), [
      'v2',
      'v1',
      'v2beta1',
      'v1beta2',
      'v1beta1',
      'v1alpha1',
      'foo',
    ]);
  });
});
