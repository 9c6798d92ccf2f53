import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { parseManifest } from '../../../src/core/manifests/parse';
import { seedCluster } from '../../scenario/cluster';
import { MANIFEST_KINDS, NEVER_APPLIED, writeDemoManifests } from '../../scenario/manifests';
import { startTestServer, type TestServer } from '../../server';

describe('scenario: the demo workspace manifests (issue 15)', function () {
  this.timeout(30000);
  let server: TestServer;
  let dir: string;
  before(async () => {
    server = await startTestServer({ tls: false });
    seedCluster(server, { seed: 1 });
    dir = mkdtempSync(join(tmpdir(), 'kube-events-manifests-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one manifest per seeded workload that the indexer reads back to the same object', () => {
    const files = writeDemoManifests(server, dir);
    const entries = files.flatMap((f) => parseManifest(f, readFileSync(f, 'utf8'), { load }).entries);
    const key = (kind: string, ns: string | undefined, name: string) => `${kind} ${ns ?? ''}/${name}`;
    const indexed = new Set(entries.map((e) => key(e.kind, e.namespace, e.name)));
    let live = 0;
    for (const [apiVersion, kind] of MANIFEST_KINDS) {
      for (const o of server.list(apiVersion, kind) as { metadata: { name: string; namespace?: string } }[]) {
        live++;
        assert.ok(
          indexed.has(key(kind, o.metadata.namespace, o.metadata.name)),
          `${kind} ${o.metadata.name}`,
        );
      }
    }
    assert.ok(live >= 5, `the demo has workloads (${live})`);
    assert.equal(entries.length, live + 1, 'one more: the manifest never applied');
    for (const e of entries) assert.ok(e.nameLine > 0, `${e.file}: metadata.name line`);
    const never = key(NEVER_APPLIED.kind, NEVER_APPLIED.namespace, NEVER_APPLIED.name);
    assert.ok(indexed.has(never));
    const deployments = server.list('apps/v1', 'Deployment') as { metadata: { name: string } }[];
    assert.ok(
      !deployments.some((d) => d.metadata.name === NEVER_APPLIED.name),
      'never applied to the cluster',
    );
  });
});
