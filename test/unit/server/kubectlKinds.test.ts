/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADDED_KINDS, SERVED_KINDS } from '../../../src/core/kinds';
import { startTestServer, type TestServer } from '../../server';
import { namespace } from '../../server/fixtures';
import {
  controllerRevision,
  customResourceDefinition,
  horizontalPodAutoscaler,
  loadBalancerService,
  persistentVolumeClaim,
  storageClass,
} from '../../server/fixturesAdded';

const KUBECTL = '/usr/bin/kubectl';

const CRD_YAML = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  names: {kind: Certificate, listKind: CertificateList, plural: certificates, singular: certificate, shortNames: [cert]}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      additionalPrinterColumns:
        - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
        - {jsonPath: .spec.secretName, name: Secret, type: string}
        - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
const CR_YAML = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop-tls, namespace: prod}
spec:
  secretName: shop-tls
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt-prod, kind: ClusterIssuer}
`;

/** oneOfEach is one realistic object per added kind, for `kubectl get` and `kubectl describe`. */
function oneOfEach(): any[] {
  const ns = 'prod';
  const m = (name: string) => ({ name, namespace: ns, labels: { app: 'web' } });
  return [
    persistentVolumeClaim(ns, 'data', { storageClassName: 'fast-ssd' }),
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        hostPath: { path: '/data/pv-1', type: '' },
      },
      status: { phase: 'Available' },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: m('web-config'), data: { 'nginx.conf': 'events {}' } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: m('web-secret'),
      type: 'Opaque',
      data: { token: 'c2VjcmV0' },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: m('web') },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: m('web'),
      subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: m('compute'),
      spec: { hard: { 'requests.cpu': '4', 'limits.cpu': '8' } },
      status: {
        hard: { 'requests.cpu': '4', 'limits.cpu': '8' },
        used: { 'requests.cpu': '1', 'limits.cpu': '2' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: m('defaults'),
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] },
    },
    storageClass('standard', { default: true }),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: m('web'),
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: m('deny-all'),
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
    horizontalPodAutoscaler(ns, 'web'),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: m('web'),
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
      status: {
        currentHealthy: 3,
        desiredHealthy: 2,
        disruptionsAllowed: 1,
        expectedPods: 3,
        observedGeneration: 1,
      },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { ...m('web-abc12'), labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: m('web-leader'),
      spec: { holderIdentity: 'web-0', leaseDurationSeconds: 15 },
    },
    customResourceDefinition({
      group: 'argoproj.io',
      kind: 'Application',
      plural: 'applications',
      version: 'v1alpha1',
    }),
    controllerRevision({ kind: 'StatefulSet', namespace: ns, name: 'db', uid: 'uid-db' }, '6b7f9d4c8', 2, {
      metadata: { labels: { app: 'db' } },
      spec: { containers: [{ name: 'postgres', image: 'postgres:16.4' }] },
    }),
  ];
}

describe('test server: kubectl 1.32 on the added kinds and CRDs', function () {
  this.timeout(60000);
  let server: TestServer;
  let dir: string;
  let kubeconfig: string;

  function kubectl(
    args: string[],
    stdin?: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
        { env: { ...process.env, HOME: dir }, timeout: 20000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  }

  before(async function () {
    assert.ok(existsSync(KUBECTL), `the reference client ${KUBECTL} is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'kube-events-kubectl-kinds-'));
    server = await startTestServer();
    server.addTokenUser('admin', 'admin-token');
    server.grantAll('admin');
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, server.kubeconfig({ user: 'admin', token: 'admin-token' }));
    server.create(namespace('prod'));
    for (const o of oneOfEach()) server.create(o);
    server.create(loadBalancerService('prod', 'web-public'));
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('api-resources lists every served kind from aggregated discovery (two requests)', async () => {
    server.clearRequests();
    const r = await kubectl(['api-resources', '--no-headers', '-o', 'name']);
    assert.equal(r.code, 0, r.stderr);
    const names = new Set(r.stdout.trim().split('\n'));
    for (const k of SERVED_KINDS)
      assert.ok(names.has(k.group ? `${k.plural}.${k.group}` : k.plural), k.plural);
    assert.ok(names.has('applications.argoproj.io'), 'the CRD created before');
    const discovery = server.requests.filter((q) => q.path.startsWith('/api')).map((q) => q.path);
    assert.deepEqual(
      discovery.sort(),
      ['/api', '/apis'],
      'no per-group documents: aggregated discovery was used',
    );
  });

  it('get <kind> -A prints the server-side table for each added kind', async () => {
    for (const k of ADDED_KINDS) {
      const r = await kubectl(['get', k.group ? `${k.plural}.${k.group}` : k.plural, '-A']);
      assert.equal(r.code, 0, `${k.plural}: ${r.stderr}`);
      const [head, ...rows] = r.stdout.trim().split('\n');
      assert.match(head!, k.namespaced ? /^NAMESPACE\s+NAME\s/ : /^NAME\s/, `${k.plural}: ${head}`);
      assert.ok(rows.length >= 1, `${k.plural} has a row: ${r.stdout}`);
    }
    const pvc = await kubectl(['get', 'pvc', '-n', 'prod']);
    assert.match(pvc.stdout, /^data\s+Pending\s+fast-ssd\s+<unset>\s+\d+s$/m);
    const hpa = await kubectl(['get', 'hpa', '-n', 'prod']);
    assert.match(hpa.stdout, /^web\s+Deployment\/web\s+cpu: <unknown>\/70%\s+2\s+10\s+2\s+\d+s$/m);
    const sc = await kubectl(['get', 'sc']);
    assert.match(
      sc.stdout,
      /^standard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false/m,
    );
  });

  it('get controllerrevisions prints the controller and the revision, as kube-apiserver does', async () => {
    const r = await kubectl(['get', 'controllerrevisions', '-n', 'prod']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+CONTROLLER\s+REVISION\s+AGE\n/);
    assert.match(r.stdout, /^db-6b7f9d4c8\s+statefulset\.apps\/db\s+2\s+\d+s$/m);
    const json = await kubectl([
      'get',
      'controllerrevisions.apps',
      'db-6b7f9d4c8',
      '-n',
      'prod',
      '-o',
      'json',
    ]);
    assert.equal(json.code, 0, json.stderr);
    const cr = JSON.parse(json.stdout);
    assert.equal(cr.revision, 2);
    assert.equal(cr.data.spec.template.spec.containers[0].image, 'postgres:16.4');
    assert.equal(cr.metadata.labels['controller.kubernetes.io/hash'], '6b7f9d4c8');
  });

  it('describe runs without error on each added kind', async () => {
    const named: Record<string, string> = {};
    for (const o of oneOfEach()) named[o.kind] = o.metadata.name;
    for (const k of ADDED_KINDS) {
      const args = ['describe', k.group ? `${k.plural}.${k.group}` : k.plural, named[k.kind]!];
      if (k.namespaced) args.push('-n', 'prod');
      const r = await kubectl(args);
      assert.equal(r.code, 0, `${k.kind}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Name:\\s+${named[k.kind]!.replace(/\./g, '\\.')}$`, 'm'), k.kind);
      assert.equal(r.stderr, '', `${k.kind}: ${r.stderr}`);
    }
  });

  it('apply -f crd.yaml serves the custom resource; get, describe; delete crd removes it', async () => {
    const crd = await kubectl(['apply', '-f', '-'], CRD_YAML);
    assert.equal(crd.code, 0, crd.stderr);
    assert.match(
      crd.stdout,
      /customresourcedefinition.apiextensions.k8s.io\/certificates.cert-manager.io created/,
    );
    const established = await kubectl([
      'get',
      'crd',
      'certificates.cert-manager.io',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Established")].status}',
    ]);
    assert.equal(established.stdout, 'True');
    const cr = await kubectl(['apply', '-f', '-'], CR_YAML);
    assert.equal(cr.code, 0, cr.stderr);
    assert.match(cr.stdout, /certificate.cert-manager.io\/shop-tls created/);
    const get = await kubectl(['get', 'cert', '-n', 'prod']);
    assert.equal(get.code, 0, get.stderr);
    assert.match(get.stdout, /^NAME\s+READY\s+SECRET\s+AGE\n/);
    assert.match(get.stdout, /^shop-tls\s+shop-tls\s+\d+s$/m);
    const describe = await kubectl(['describe', 'certificate', 'shop-tls', '-n', 'prod']);
    assert.equal(describe.code, 0, describe.stderr);
    assert.match(describe.stdout, /^Kind:\s+Certificate$/m);
    assert.match(describe.stdout, /^Events:\s+<none>$/m);
    const del = await kubectl(['delete', 'crd', 'certificates.cert-manager.io']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(
      server.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition').length,
      1,
      'only argo left',
    );
    const gone = await kubectl(['get', 'certificates.cert-manager.io', '-n', 'prod']);
    assert.notEqual(gone.code, 0);
    assert.match(
      gone.stderr,
      /the server doesn't have a resource type|could not find the requested resource/,
    );
  });
});
