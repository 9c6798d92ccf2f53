/**
 * metaHeapProbe: where the heap of metadata-only Secrets goes, in process, step by step (issue
 * 12, bench 14d1). Builds `n` cert-manager-like Secrets as a PartialObjectMetadataList item
 * arrives (JSON text parsed per item, the metadata-only transform, then the list decode's
 * interner walk when `--walk`), stores them in the informer's Indexer with the indexers the
 * extension configures for the kind, and prints heap after GC per object at each step, then a
 * heap-snapshot diff of the final state: strings by field, objects by size, hash tables.
 *
 *   node --expose-gc --import tsx bench/lib/metaHeapProbe.ts [n=10000] [--walk] [--indexers=all|kind] [--flat]
 *
 * `--indexers=all` adds the owner-uid and uid indexes whatever the kind (the extension before
 * kindIndexers.ts); `kind` (default) those kindIndexers gives a lazy metadata-only kind. `--flat`
 * keeps the store in one Map keyed by "ns/name" (the Indexer before NamespacedItems).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Interner } from '../../src/core/cache/intern';
import { Indexer } from '../../src/core/cache/indexer';
import {
  NAMESPACE_INDEX,
  namespaceIndexFunc,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
} from '../../src/core/cache/indexers';
import { MetadataCompactor } from '../../src/core/cache/metadataCompact';
import { metaNamespaceKey, type IndexFunc } from '../../src/core/cache/store';
import type { KubeObject } from '../../src/core/cache/types';
import { kindIndexers } from '../../src/core/cluster/kindIndexers';
import { UID_INDEX, uidIndexFunc } from '../../src/core/resources/ownership';
import { SECRETS } from '../../src/core/kinds';
import { metadataOnlyTransform } from '../../src/kube/metadataOnly';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const walk = args.includes('--walk');
const allIndexers = args.includes('--indexers=all');
const flat = args.includes('--flat');
const T0 = Date.parse('2025-01-01T00:00:00Z');
const pad = (i: number) => String(i).padStart(5, '0');

/** wire: the JSON text of item i of a PartialObjectMetadataList of Secrets (as the test server sends it). */
function wire(i: number): string {
  const at = new Date(T0 + i * 1000).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: {
      name: `tls-${pad(i)}`,
      namespace: 'secrets',
      uid: `${i.toString(16).padStart(8, '0')}-1d2e-4f3a-9b8c-7d6e5f4a3b2c`,
      resourceVersion: String(1000 + i),
      creationTimestamp: at,
      labels: { app: `app-${i % 50}`, 'cert-manager.io/certificate-name': `tls-${pad(i)}` },
      annotations: {
        'cert-manager.io/issuer-name': 'letsencrypt',
        'cert-manager.io/common-name': `app-${i}.example.com`,
      },
      managedFields: [
        {
          manager: 'cert-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: at,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { '.': {}, 'f:tls.crt': {}, 'f:tls.key': {} } },
        },
      ],
    },
  });
}

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

interface Node {
  type: string;
  name: string;
  size: number;
}

function nodes(file: string): Node[] {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [ft, fn, fs_] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k)) as [number, number, number];
  const out: Node[] = [];
  for (let i = 0; i < snap.nodes.length; i += f.length)
    out.push({
      type: types[snap.nodes[i + ft]!]!,
      name: snap.strings[snap.nodes[i + fn]!]!,
      size: snap.nodes[i + fs_]!,
    });
  return out;
}

/** category names a node of the diff: strings by the field they look like, objects by size. */
function category(x: Node): string {
  if (x.type === 'string' || x.type === 'concatenated string' || x.type === 'sliced string') {
    const s = x.name;
    if (x.type === 'concatenated string') return 'string: key rope ("ns/" + name)';
    if (/^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(s)) return 'string: uid';
    if (/^\d{4}-\d\d-\d\dT/.test(s)) return 'string: creationTimestamp';
    if (/^tls-\d+$/.test(s)) return 'string: name';
    if (/^\d+$/.test(s)) return 'string: resourceVersion';
    if (/^app-\d+\.example\.com$/.test(s)) return 'string: common-name annotation';
    if (/^secrets\/tls-/.test(s)) return 'string: flat key';
    if (s.startsWith('{')) return 'string: interner leaf key (JSON)';
    return 'string: other';
  }
  if (x.type === 'object') return `object ${x.name} ${x.size} B`;
  if (x.type === 'array' || x.type === 'hidden') return `${x.type} ${x.name.split(' ')[0]}`;
  return x.type;
}

function tally(list: Node[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(category(x), (m.get(category(x)) ?? 0) + x.size);
  return m;
}

/** fill builds the objects (heap measured while only an array holds them), then stores them. */
function fill(store: Indexer<KubeObject>, count: number, make: (i: number) => KubeObject): number {
  const objs = Array.from({ length: count }, (_, i) => make(i));
  const h = heap();
  for (const o of objs) store.set(o);
  return h;
}

function indexersOf(): Record<string, IndexFunc<KubeObject>> {
  if (allIndexers) return { [OWNER_UID_INDEX]: ownerUidIndexFunc, [UID_INDEX]: uidIndexFunc };
  return kindIndexers(SECRETS, { eager: false, metadataOnly: true });
}

function main(): void {
  const compactor = new MetadataCompactor();
  const interner = new Interner();
  const transform = metadataOnlyTransform<KubeObject>(SECRETS, compactor);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meta-heap-'));
  const h0 = heap();
  v8.writeHeapSnapshot(path.join(dir, 'before.heapsnapshot'));
  // As the informer builds it (per-namespace buckets), or a flat Map with `--flat`.
  const store = new Indexer<KubeObject>({
    keyFunc: metaNamespaceKey,
    byNamespace: flat ? undefined : NAMESPACE_INDEX,
  });
  const h1 = fill(store, n, (i) => {
    const o = transform(JSON.parse(wire(i)) as KubeObject);
    return walk ? interner.intern(o) : o;
  });
  const h2 = heap();
  store.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc);
  const h3 = heap();
  for (const [name, fn] of Object.entries(indexersOf())) store.addIndexer(name, fn);
  const h4 = heap();
  v8.writeHeapSnapshot(path.join(dir, 'after.heapsnapshot'));
  const per = (a: number, b: number) => ((b - a) / n).toFixed(1);
  console.log(
    `${n} Secrets, interner walk ${walk ? 'on' : 'off'}, indexers ${allIndexers ? 'all' : 'kind'}, store ${flat ? 'flat' : 'by namespace'}`,
  );
  console.log(`  objects + strings (+ interner pools): ${per(h0, h1)} B/object`);
  console.log(`  store Map + keys:                     ${per(h1, h2)} B/object`);
  console.log(`  namespace index:                      ${per(h2, h3)} B/object`);
  console.log(`  other indexes (${Object.keys(indexersOf()).join(', ') || 'none'}): ${per(h3, h4)} B/object`);
  console.log(
    `  total:                                ${per(h0, h4)} B/object (${((h4 - h0) / n / 1024).toFixed(3)} KB)`,
  );
  const before = tally(nodes(path.join(dir, 'before.heapsnapshot')));
  const after = tally(nodes(path.join(dir, 'after.heapsnapshot')));
  fs.rmSync(dir, { recursive: true, force: true });
  const rows = [...new Set([...before.keys(), ...after.keys()])]
    .map((k) => ({ k, b: ((after.get(k) ?? 0) - (before.get(k) ?? 0)) / n }))
    .filter((r) => Math.abs(r.b) >= 0.5)
    .sort((a, b) => b.b - a.b);
  console.log(`  heap snapshot diff per object (${rows.reduce((a, r) => a + r.b, 0).toFixed(0)} B):`);
  for (const r of rows) console.log(`    ${r.b.toFixed(1).padStart(7)} B  ${r.k}`);
  if (store.size !== n) throw new Error(`stored ${store.size} of ${n}`);
}

main();
