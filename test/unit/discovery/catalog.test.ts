import * as assert from 'node:assert/strict';
import {
  DISCOVERY_LIMITS,
  parseAggregated,
  parseLegacyIndex,
  parseLegacyResources,
  watchableKinds,
} from '../../../src/core/discovery/catalog';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** An APIGroupDiscoveryList as kube-apiserver 1.32 serves it for /apis (trimmed). */
const aggregatedApis = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: 'apps', creationTimestamp: null },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'deployments',
              responseKind: { group: '', version: '', kind: 'Deployment' },
              scope: 'Namespaced',
              singularResource: 'deployment',
              verbs: VERBS,
              shortNames: ['deploy'],
              categories: ['all'],
              subresources: [
                {
                  subresource: 'scale',
                  responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
                  verbs: ['get', 'patch', 'update'],
                },
                {
                  subresource: 'status',
                  responseKind: { group: '', version: '', kind: 'Deployment' },
                  verbs: ['get', 'patch', 'update'],
                },
              ],
            },
          ],
          freshness: 'Current',
        },
      ],
    },
    {
      metadata: { name: 'cert-manager.io' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'certificates',
              responseKind: { group: 'cert-manager.io', version: 'v1', kind: 'Certificate' },
              scope: 'Namespaced',
              verbs: VERBS,
              shortNames: ['cert', 'certs'],
              categories: ['cert-manager'],
              subresources: [{ subresource: 'status', verbs: ['get', 'patch', 'update'] }],
            },
            {
              resource: 'clusterissuers',
              responseKind: { kind: 'ClusterIssuer' },
              scope: 'Cluster',
              verbs: VERBS,
            },
          ],
        },
        {
          version: 'v1alpha2',
          resources: [
            {
              resource: 'certificates',
              responseKind: { kind: 'Certificate' },
              scope: 'Namespaced',
              verbs: VERBS,
            },
          ],
        },
      ],
    },
    {
      metadata: { name: 'authorization.k8s.io' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'selfsubjectaccessreviews',
              responseKind: { kind: 'SelfSubjectAccessReview' },
              scope: 'Cluster',
              verbs: ['create'],
            },
          ],
        },
      ],
    },
  ],
};

describe('discovery/catalog', () => {
  it('reads aggregated discovery: kinds, scope, verbs, short names, categories, subresources', () => {
    const kinds = parseAggregated(aggregatedApis)!;
    const deploy = kinds.find((k) => k.plural === 'deployments')!;
    assert.equal(deploy.kind, 'Deployment');
    assert.equal(deploy.group, 'apps');
    assert.equal(deploy.version, 'v1');
    assert.equal(deploy.namespaced, true);
    assert.deepEqual(deploy.shortNames, ['deploy']);
    assert.deepEqual(deploy.categories, ['all']);
    assert.deepEqual(deploy.subresources, ['scale', 'status']);
    assert.equal(deploy.preferred, true);
    const issuers = kinds.find((k) => k.plural === 'clusterissuers')!;
    assert.equal(issuers.namespaced, false);
    // The first version listed is the preferred one.
    const certs = kinds.filter((k) => k.plural === 'certificates');
    assert.deepEqual(
      certs.map((k) => [k.version, k.preferred]),
      [
        ['v1', true],
        ['v1alpha2', false],
      ],
    );
  });

  it('reads the core group from /api, whose entry has no metadata.name (as kube-apiserver serves it)', () => {
    // kube-apiserver 1.32 `GET /api` with the aggregated Accept header: the core group's name is
    // the empty string, which its JSON encoding omits.
    const core = {
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
      items: [
        {
          metadata: { creationTimestamp: null },
          versions: [
            {
              version: 'v1',
              resources: [
                {
                  resource: 'persistentvolumeclaims',
                  responseKind: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' },
                  scope: 'Namespaced',
                  singularResource: 'persistentvolumeclaim',
                  verbs: VERBS,
                  shortNames: ['pvc'],
                  subresources: [{ subresource: 'status', verbs: ['get', 'patch', 'update'] }],
                },
              ],
              freshness: 'Current',
            },
          ],
        },
      ],
    };
    const kinds = parseAggregated(core)!;
    assert.deepEqual(
      kinds.map((k) => [k.group, k.version, k.plural, k.kind, k.namespaced]),
      [['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true]],
    );
  });

  it('keeps only kinds a tree can watch: preferred, list and watch', () => {
    const kinds = watchableKinds(parseAggregated(aggregatedApis)!);
    assert.deepEqual(
      kinds.map((k) => `${k.group}/${k.version}/${k.plural}`),
      ['apps/v1/deployments', 'cert-manager.io/v1/certificates', 'cert-manager.io/v1/clusterissuers'],
    );
  });

  it('says "not aggregated" for a legacy document, so the caller falls back', () => {
    assert.equal(parseAggregated({ kind: 'APIGroupList', groups: [] }), undefined);
    assert.equal(parseAggregated('<html>'), undefined);
  });

  it('reads the legacy index and resource lists, subresources folded into their resource', () => {
    const core = parseLegacyIndex({ kind: 'APIVersions', versions: ['v1'] });
    assert.deepEqual(core, [{ group: '', version: 'v1', preferred: true }]);
    const groups = parseLegacyIndex({
      kind: 'APIGroupList',
      groups: [
        {
          name: 'autoscaling',
          versions: [
            { groupVersion: 'autoscaling/v2', version: 'v2' },
            { groupVersion: 'autoscaling/v1', version: 'v1' },
          ],
          preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
        },
      ],
    });
    assert.deepEqual(groups, [
      { group: 'autoscaling', version: 'v2', preferred: true },
      { group: 'autoscaling', version: 'v1', preferred: false },
    ]);
    const pods = parseLegacyResources(
      {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          {
            name: 'pods',
            singularName: 'pod',
            namespaced: true,
            kind: 'Pod',
            verbs: VERBS,
            shortNames: ['po'],
            categories: ['all'],
          },
          { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
          { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch'] },
          { name: 'bindings', namespaced: true, kind: 'Binding', verbs: ['create'] },
        ],
      },
      core[0]!,
    );
    assert.deepEqual(
      pods.map((k) => [k.plural, k.kind, k.namespaced, k.subresources]),
      [
        ['pods', 'Pod', true, ['log', 'status']],
        ['bindings', 'Binding', true, []],
      ],
    );
    assert.deepEqual(
      watchableKinds(pods).map((k) => k.plural),
      ['pods'],
    );
  });

  it('skips what does not fit instead of throwing, and bounds what it keeps', () => {
    const hostile = {
      kind: 'APIGroupDiscoveryList',
      items: [
        null,
        { metadata: { name: 7 } },
        { metadata: { name: '../etc' }, versions: [{ version: 'v1', resources: [] }] },
        {
          metadata: { name: 'ok.io' },
          versions: [
            {
              version: 'v1',
              resources: [
                { resource: 'things', responseKind: { kind: 'Thing' }, scope: 'Galaxy', verbs: VERBS },
                { resource: 'a/b', responseKind: { kind: 'AB' }, scope: 'Cluster', verbs: VERBS },
                { resource: 'x'.repeat(300), responseKind: { kind: 'Long' }, scope: 'Cluster', verbs: VERBS },
                { resource: 'widgets', responseKind: { kind: '<script>' }, scope: 'Cluster', verbs: VERBS },
                {
                  resource: 'gadgets',
                  responseKind: { kind: 'Gadget' },
                  scope: 'Cluster',
                  verbs: 'list',
                  shortNames: [1, 'g'],
                },
              ],
            },
          ],
        },
      ],
    };
    const kinds = parseAggregated(hostile)!;
    assert.deepEqual(
      kinds.map((k) => [k.plural, k.verbs, k.shortNames]),
      [['gadgets', [], ['g']]],
    );
    const many = {
      kind: 'APIGroupDiscoveryList',
      items: Array.from({ length: DISCOVERY_LIMITS.groups + 50 }, (_, i) => ({
        metadata: { name: `g${i}.io` },
        versions: [
          {
            version: 'v1',
            resources: [{ resource: 'rs', responseKind: { kind: 'R' }, scope: 'Cluster', verbs: VERBS }],
          },
        ],
      })),
    };
    assert.equal(parseAggregated(many)!.length, DISCOVERY_LIMITS.groups);
  });
});
