/**
 * manifests: the demo cluster's workloads written out as the manifests a team would keep in
 * its repository (one YAML file per object, `deploy/<namespace>/<kind>-<name>.yaml`), so the demo
 * workspace shows issue 15's Problems entries, CodeLens and hover on real files. Built from the
 * seeded objects: apiVersion, kind, metadata (name, namespace, labels) and spec; no status, no
 * server-set fields. One more Deployment (`recommendations` in `prod`) is written as never
 * applied, so a "not found" CodeLens shows too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import type { TestServer } from '../server';

/** MANIFEST_KINDS are the kinds written, as [apiVersion, kind]. */
export const MANIFEST_KINDS: readonly (readonly [string, string])[] = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Service'],
  ['v1', 'PersistentVolumeClaim'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
];

/** NEVER_APPLIED is the manifest of an object the demo cluster does not have. */
export const NEVER_APPLIED = { namespace: 'prod', kind: 'Deployment', name: 'recommendations' };

type Loose = Record<string, unknown>;

/** writeDemoManifests writes the manifests under `folder` and returns the files written. */
export function writeDemoManifests(server: TestServer, folder: string): string[] {
  const files: string[] = [];
  const write = (obj: Loose) => {
    const meta = (obj.metadata ?? {}) as Loose;
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '_cluster';
    const file = path.join(
      folder,
      'deploy',
      ns,
      `${String(obj.kind).toLowerCase()}-${String(meta.name)}.yaml`,
    );
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, dump(obj, { noRefs: true, lineWidth: 120 }));
    files.push(file);
  };
  for (const [apiVersion, kind] of MANIFEST_KINDS) {
    for (const o of server.list(apiVersion, kind) as Loose[]) {
      const meta = (o.metadata ?? {}) as Loose;
      write({
        apiVersion,
        kind,
        metadata: {
          name: meta.name,
          ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
          ...(meta.labels ? { labels: meta.labels } : {}),
        },
        spec: o.spec ?? {},
      });
    }
  }
  write({
    apiVersion: 'apps/v1',
    kind: NEVER_APPLIED.kind,
    metadata: {
      name: NEVER_APPLIED.name,
      namespace: NEVER_APPLIED.namespace,
      labels: { app: NEVER_APPLIED.name },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: NEVER_APPLIED.name } },
      template: {
        metadata: { labels: { app: NEVER_APPLIED.name } },
        spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/recommendations:1.0.0' }] },
      },
    },
  });
  return files;
}
