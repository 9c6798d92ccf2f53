/**
 * discoveryCluster: the cluster of scenario 14. The test server's built-ins (11 groups / 17 kinds
 * a client can list and watch; 12 / 30 resources served in all) plus CustomResourceDefinitions up
 * to 60 groups / 200 listable kinds (49 groups `gNN.bench.example.com` of 3 or 4 kinds: 183 CRDs), 5,000 ConfigMaps in namespace `cm-5k`, and Secrets in namespace `secrets`
 * shaped as a real API server returns them (type kubernetes.io/tls, ~3 KB of data, labels, the
 * managedFields entry of their writer), and 2,000 ServiceAccounts spread over 100 namespaces (14c3).
 */
import { customResourceDefinition } from '../../test/server/fixturesAdded';
import { namespace } from '../../test/server/fixtures';
import type { BenchCluster } from './cluster';

export const CRD_GROUPS = 49;
export const CRD_KINDS = 183;
export const CM_NAMESPACE = 'cm-5k';
export const CONFIG_MAP_COUNT = 5000;
export const SECRET_NAMESPACE = 'secrets';
/** 14c3: ServiceAccounts spread over SPREAD_NAMESPACES namespaces `spread-NNN`, SPREAD_PER_NAMESPACE each. */
export const SPREAD_NAMESPACES = 100;
export const SPREAD_PER_NAMESPACE = 20;
export const spreadNamespace = (i: number): string => `spread-${String(i).padStart(3, '0')}`;

const T0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pad = (n: number, w = 5) => String(n).padStart(w, '0');

/** addCrds creates CRD_KINDS CRDs over CRD_GROUPS groups (the first groups get one kind more). */
function addCrds(c: BenchCluster): void {
  for (let i = 0; i < CRD_KINDS; i++) {
    const g = i % CRD_GROUPS;
    const k = Math.floor(i / CRD_GROUPS);
    const kind = `Widget${String.fromCharCode(65 + k)}${pad(g, 2)}`;
    c.server.create(
      customResourceDefinition({
        group: `g${pad(g, 2)}.bench.example.com`,
        kind,
        plural: kind.toLowerCase() + 's',
        scope: k % 2 === 0 ? 'Namespaced' : 'Cluster',
      }),
    );
  }
}

function managedFields(at: string, fields: Record<string, unknown>): unknown[] {
  return [
    {
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      apiVersion: 'v1',
      time: at,
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    },
  ];
}

/** addConfigMaps creates `count` ConfigMaps of ~1 KB (an app config file) in CM_NAMESPACE. */
function addConfigMaps(c: BenchCluster, count: number): void {
  c.server.create(namespace(CM_NAMESPACE));
  for (let i = 0; i < count; i++) {
    const at = iso(T0 + i * 1000);
    c.server.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `app-config-${pad(i)}`,
        namespace: CM_NAMESPACE,
        labels: { app: `app-${i % 50}`, 'app.kubernetes.io/managed-by': 'Helm' },
        creationTimestamp: at,
        managedFields: managedFields(at, {
          'f:data': { '.': {}, 'f:app.properties': {}, 'f:LOG_LEVEL': {} },
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {}, 'f:app.kubernetes.io/managed-by': {} } },
        }),
      },
      data: {
        LOG_LEVEL: 'info',
        'app.properties': Array.from(
          { length: 24 },
          (_, j) => `app.setting.key${j}=value-${i}-${j}-abcdefgh`,
        ).join('\n'),
      },
    });
  }
}

/** addSecrets creates `count` TLS Secrets (~3 KB of base64 data each) in SECRET_NAMESPACE. */
function addSecrets(c: BenchCluster, count: number): void {
  c.server.create(namespace(SECRET_NAMESPACE));
  const blob = (i: number, n: number) => Buffer.alloc(n, `secret-${i}-`).toString('base64');
  for (let i = 0; i < count; i++) {
    const at = iso(T0 + i * 1000);
    c.server.create({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: {
        name: `tls-${pad(i)}`,
        namespace: SECRET_NAMESPACE,
        labels: { app: `app-${i % 50}`, 'cert-manager.io/certificate-name': `tls-${pad(i)}` },
        annotations: {
          'cert-manager.io/issuer-name': 'letsencrypt',
          'cert-manager.io/common-name': `app-${i}.example.com`,
        },
        creationTimestamp: at,
        managedFields: managedFields(at, {
          'f:data': { '.': {}, 'f:tls.crt': {}, 'f:tls.key': {} },
          'f:metadata': {
            'f:annotations': {
              '.': {},
              'f:cert-manager.io/common-name': {},
              'f:cert-manager.io/issuer-name': {},
            },
          },
          'f:type': {},
        }),
      },
      data: { 'tls.crt': blob(i, 1600), 'tls.key': blob(i, 800) },
    });
  }
}

/** addSpread creates SPREAD_PER_NAMESPACE ServiceAccounts in each of SPREAD_NAMESPACES namespaces (14c3). */
function addSpread(c: BenchCluster): void {
  for (let i = 0; i < SPREAD_NAMESPACES; i++) {
    const ns = spreadNamespace(i);
    c.server.create(namespace(ns));
    for (let j = 0; j < SPREAD_PER_NAMESPACE; j++) {
      c.server.create({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: `sa-${pad(j, 3)}`, namespace: ns, labels: { app: `app-${j % 5}` } },
      });
    }
  }
}

/** populateDiscoveryCluster fills `c` (see the file comment; a quick run asks for fewer ConfigMaps). */
export function populateDiscoveryCluster(
  c: BenchCluster,
  secrets: number,
  configMaps = CONFIG_MAP_COUNT,
): void {
  addCrds(c);
  addConfigMaps(c, configMaps);
  addSecrets(c, secrets);
  addSpread(c);
}
