import * as assert from 'node:assert/strict';
import {
  EMPTY_LIST,
  EMPTY_STRING_MAP,
  MAX_SHAPES,
  MetadataCompactor,
} from '../../../src/core/cache/metadataCompact';
import { StringInterner } from '../../../src/core/cache/stringInterner';
import { LAST_APPLIED_ANNOTATION } from '../../../src/core/cache/transform';
import type { KubeObject } from '../../../src/core/cache/types';
import { CONFIG_MAPS, SECRETS } from '../../../src/core/kinds';
import { TRUNCATED_ANNOTATION } from '../../../src/core/resources/summary';
import { metadataOnlyTransform, SECRET_CACHED_ANNOTATIONS } from '../../../src/kube/metadataOnly';

/** RecordingInterner records every string the compactor asks it to share. */
class RecordingInterner extends StringInterner {
  readonly seen: string[] = [];
  override intern(s: string): string {
    this.seen.push(s);
    return super.intern(s);
  }
}

function secret(i: number): KubeObject {
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: {
      name: `tls-${i}`,
      generateName: 'tls-',
      namespace: 'certs',
      uid: `uid-${i}`,
      resourceVersion: String(100 + i),
      generation: 2,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'shop', 'cert-manager.io/certificate-name': `tls-${i}` },
      annotations: {
        'cert-manager.io/issuer-name': 'letsencrypt',
        [LAST_APPLIED_ANNOTATION]: '{"data":{"tls.key":"c2VjcmV0"}}',
      },
      ownerReferences: [
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          name: `tls-${i}`,
          uid: 'uid-cert',
          controller: true,
        },
      ],
      finalizers: ['example.com/keep'],
      managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:data': {} } }],
      selfLink: '/api/v1/namespaces/certs/secrets/tls',
    },
    type: 'kubernetes.io/tls',
    data: { 'tls.key': 'c2VjcmV0' },
  };
}

describe('MetadataCompactor', () => {
  it('keeps apiVersion, kind and every metadata field but managedFields and last-applied', () => {
    const c = new MetadataCompactor();
    const out = c.compact(secret(1), 'v1', 'Secret');
    // Its JSON (and `for...in`) has all three; apiVersion and kind are held by the kind's prototype.
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(out)) as object), [
      'apiVersion',
      'kind',
      'metadata',
    ]);
    const keys: string[] = [];
    for (const k in out) keys.push(k);
    assert.deepEqual(keys.sort(), ['apiVersion', 'kind', 'metadata']);
    assert.ok('kind' in out && 'apiVersion' in out);
    assert.equal(out.apiVersion, 'v1');
    assert.equal(out.kind, 'Secret');
    assert.deepEqual(out.metadata, {
      name: 'tls-1',
      generateName: 'tls-',
      namespace: 'certs',
      uid: 'uid-1',
      resourceVersion: '101',
      generation: 2,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'shop', 'cert-manager.io/certificate-name': 'tls-1' },
      annotations: { 'cert-manager.io/issuer-name': 'letsencrypt' },
      ownerReferences: [
        {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          name: 'tls-1',
          uid: 'uid-cert',
          controller: true,
        },
      ],
      finalizers: ['example.com/keep'],
      selfLink: '/api/v1/namespaces/certs/secrets/tls',
    });
    assert.ok(!JSON.stringify(out).includes('c2VjcmV0'), 'no Secret data, not even in last-applied');
  });

  it('never mutates its input and shares no mutable object with it', () => {
    const input = secret(2);
    const before = JSON.stringify(input);
    const out = new MetadataCompactor().compact(input, 'v1', 'Secret');
    assert.equal(JSON.stringify(input), before);
    assert.notEqual(out.metadata, input.metadata);
    assert.notEqual(out.metadata.labels, input.metadata.labels);
    assert.notEqual(out.metadata.annotations, input.metadata.annotations);
    assert.notEqual(out.metadata.ownerReferences, input.metadata.ownerReferences);
    assert.notEqual(out.metadata.ownerReferences![0], input.metadata.ownerReferences![0]);
  });

  it('sends the low-variety strings through the interner, not the unique ones', () => {
    const interner = new RecordingInterner();
    new MetadataCompactor({ interner }).compact(secret(3), 'v1', 'Secret');
    const seen = new Set(interner.seen);
    for (const s of [
      'certs',
      'tls-',
      'shop',
      'letsencrypt',
      'cert-manager.io/v1',
      'Certificate',
      'example.com/keep',
    ])
      assert.ok(seen.has(s), `${s} interned`);
    // The unique values stay out of the interner: uid, resourceVersion, timestamp; a label value
    // equal to the name is the name's own string.
    for (const s of ['uid-3', '103', '2025-01-01T00:00:00Z', 'uid-cert'])
      assert.ok(!seen.has(s), `${s} not interned`);
    // 'tls-3' goes through once, as the owner reference's name; the label equal to the name does not.
    assert.equal(interner.seen.filter((v) => v === 'tls-3').length, 1);
  });

  it('stands for empty labels, annotations and lists with shared frozen empties', () => {
    const c = new MetadataCompactor();
    const a = c.compact(
      {
        metadata: { name: 'a', labels: {}, annotations: { [LAST_APPLIED_ANNOTATION]: '{}' }, finalizers: [] },
      },
      'v1',
      'Secret',
    );
    const b = c.compact({ metadata: { name: 'b', labels: {}, ownerReferences: [] } }, 'v1', 'Secret');
    assert.equal(a.metadata.labels, EMPTY_STRING_MAP);
    assert.equal(a.metadata.annotations, EMPTY_STRING_MAP);
    assert.equal(b.metadata.labels, EMPTY_STRING_MAP);
    assert.equal(a.metadata.finalizers, EMPTY_LIST);
    assert.equal(b.metadata.ownerReferences, EMPTY_LIST);
    assert.ok(Object.isFrozen(EMPTY_STRING_MAP) && Object.isFrozen(EMPTY_LIST));
    assert.throws(() => {
      'use strict';
      (a.metadata.labels as Record<string, string>).x = 'y';
    }, TypeError);
  });

  it('passes odd input through without throwing', () => {
    const c = new MetadataCompactor();
    const odd = {
      metadata: { name: 7, labels: ['x'], annotations: 'no', ownerReferences: [null, 'x'], finalizers: [1] },
    } as unknown as KubeObject;
    const out = c.compact(odd, 'v1', 'Secret');
    assert.deepEqual(out.metadata, {
      name: 7,
      labels: ['x'],
      annotations: 'no',
      ownerReferences: [null, 'x'],
      finalizers: [1],
    });
    assert.deepEqual(c.compact({ metadata: null } as unknown as KubeObject, 'v1', 'Secret').metadata, null);
  });

  it('keeps "__proto__" keys as own data and leaves prototypes alone', () => {
    const labels = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    const out = new MetadataCompactor().compact({ metadata: { name: 'p', labels } }, 'v1', 'Secret');
    const l = out.metadata.labels!;
    assert.equal(Object.getPrototypeOf(l), Object.prototype);
    assert.deepEqual(Object.keys(l), ['__proto__', 'a']);
    assert.equal(Object.getOwnPropertyDescriptor(l, '__proto__')?.value, 'x');
  });

  it('builds each key list exactly, also for keys that would collide when joined', () => {
    const c = new MetadataCompactor();
    const x = c.compact({ metadata: { 'a\nb': 1 } } as unknown as KubeObject, 'v1', 'S');
    const y = c.compact({ metadata: { a: 1, b: 2 } } as unknown as KubeObject, 'v1', 'S');
    assert.deepEqual(Object.keys(x.metadata), ['a\nb']);
    assert.deepEqual(Object.keys(y.metadata), ['a', 'b']);
  });

  it(`remembers at most ${MAX_SHAPES} metadata shapes, and stays correct past them`, () => {
    const c = new MetadataCompactor();
    for (let i = 0; i < MAX_SHAPES * 2 + 3; i++) {
      const out = c.compact({ metadata: { name: 'n', [`extra${i}`]: i } }, 'v1', 'S');
      assert.deepEqual(out.metadata, { name: 'n', [`extra${i}`]: i });
      assert.ok(c.shapeCount <= MAX_SHAPES, `${c.shapeCount} shapes`);
    }
    assert.ok(c.shapeCount >= 1);
  });

  it('is what metadataOnlyTransform caches of a Secret: no managedFields, annotations, data', () => {
    const out = metadataOnlyTransform(SECRETS)(secret(4));
    assert.equal(out.kind, 'Secret');
    assert.equal(out.apiVersion, 'v1');
    assert.ok(!('managedFields' in out.metadata));
    // Describe reads a Secret's annotations from its GET; the cache keeps none of these.
    assert.ok(!('annotations' in out.metadata), JSON.stringify(out.metadata));
    assert.ok(!('data' in out) && !('type' in out));
    // What the views read from the cache stays: tree, badges, owner chains, informer bookkeeping.
    assert.deepEqual(
      { ...out.metadata, ownerReferences: undefined, labels: { ...out.metadata.labels } },
      {
        name: 'tls-4',
        generateName: 'tls-',
        namespace: 'certs',
        uid: 'uid-4',
        resourceVersion: '104',
        generation: 2,
        creationTimestamp: '2025-01-01T00:00:00Z',
        labels: { app: 'shop', 'cert-manager.io/certificate-name': 'tls-4' },
        ownerReferences: undefined,
        finalizers: ['example.com/keep'],
        selfLink: '/api/v1/namespaces/certs/secrets/tls',
      },
    );
    assert.equal(out.metadata.ownerReferences?.[0]?.uid, 'uid-cert');
  });

  it("keeps a Secret's service-account and truncation annotations (read from the cache)", () => {
    const s = secret(5);
    s.metadata.annotations = {
      ...s.metadata.annotations,
      'kubernetes.io/service-account.name': 'builder',
      'kubernetes.io/service-account.uid': 'uid-sa',
      [TRUNCATED_ANNOTATION]: '123456',
    };
    const out = metadataOnlyTransform(SECRETS)(s);
    assert.deepEqual(
      { ...out.metadata.annotations },
      {
        'kubernetes.io/service-account.name': 'builder',
        'kubernetes.io/service-account.uid': 'uid-sa',
        [TRUNCATED_ANNOTATION]: '123456',
      },
    );
    assert.deepEqual([...SECRET_CACHED_ANNOTATIONS].sort(), Object.keys(out.metadata.annotations!).sort());
  });

  it('keeps every annotation of other metadata-only kinds but last-applied', () => {
    const cm = { ...secret(6), kind: 'ConfigMap' };
    const out = metadataOnlyTransform(CONFIG_MAPS)(cm);
    assert.deepEqual({ ...out.metadata.annotations }, { 'cert-manager.io/issuer-name': 'letsencrypt' });
  });

  it('keeps an own "__proto__" annotation as data when filtering annotations', () => {
    const s = secret(7);
    s.metadata.annotations = JSON.parse(
      '{"__proto__":{"polluted":"yes"},"kubernetes.io/service-account.name":"x"}',
    ) as Record<string, string>;
    const out = new MetadataCompactor().compact(s, 'v1', 'Secret', (k) => k !== 'nothing');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(out.metadata.annotations), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(out.metadata.annotations, '__proto__'));
  });
});

describe('StringInterner', () => {
  it('returns an equal string, and keeps at most two generations of maxEntries', () => {
    const i = new StringInterner({ maxEntries: 4 });
    for (let n = 0; n < 100; n++) {
      assert.equal(i.intern(`s${n}`), `s${n}`);
      assert.ok(i.size <= 8, `size ${i.size}`);
    }
  });

  it('passes strings longer than maxLength through without keeping them', () => {
    const i = new StringInterner({ maxLength: 5 });
    assert.equal(i.intern('123456'), '123456');
    assert.equal(i.size, 0);
    i.intern('12345');
    assert.equal(i.size, 1);
  });

  it('keeps a string that keeps coming back while unique strings stream past', () => {
    const i = new StringInterner({ maxEntries: 4 });
    i.intern('letsencrypt');
    for (let n = 0; n < 50; n++) {
      i.intern(`unique-${n}`);
      i.intern(`unique-${n}b`);
      i.intern('letsencrypt');
    }
    const before = i.size;
    i.intern('letsencrypt'); // a hit: nothing added
    assert.equal(i.size, before);
  });

  it('clamps nonsense bounds', () => {
    const i = new StringInterner({ maxEntries: 0, maxLength: -3 });
    assert.equal(i.intern(''), '');
    assert.equal(i.intern('a'), 'a');
    assert.ok(i.size <= 2);
  });
});

describe('MetadataCompactor objects', () => {
  it("hold metadata alone; apiVersion and kind are their kind's, shared by its objects", () => {
    const c = new MetadataCompactor();
    const a = c.compact(secret(1), 'v1', 'Secret');
    const b = c.compact(secret(2), 'v1', 'Secret');
    const cm = c.compact(secret(3), 'v1', 'ConfigMap');
    assert.deepEqual(Object.keys(a), ['metadata']);
    assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), 'one prototype per kind');
    assert.notEqual(Object.getPrototypeOf(a), Object.getPrototypeOf(cm));
    assert.equal(cm.kind, 'ConfigMap');
    assert.equal(a.kind, 'Secret');
    assert.deepEqual(JSON.parse(JSON.stringify({ items: [a] })), {
      items: [
        { apiVersion: 'v1', kind: 'Secret', metadata: JSON.parse(JSON.stringify(a.metadata)) as unknown },
      ],
    });
  });

  it('stays right past MAX_SHAPES kinds', () => {
    const c = new MetadataCompactor();
    for (let i = 0; i < MAX_SHAPES + 10; i++) {
      const o = c.compact<KubeObject>({ metadata: { name: 'n' } }, `g${i}/v1`, `K${i}`);
      assert.equal(o.apiVersion, `g${i}/v1`);
      assert.equal(o.kind, `K${i}`);
    }
  });
});
