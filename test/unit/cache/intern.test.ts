import assert from 'node:assert/strict';
import { INTERN_MAX_STRING, Interner } from '../../../src/core/cache/intern';

/** decoded is a pod as JSON.parse gives it: every object and long string its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a decoded tree, read freely below
function decoded(i: number): Record<string, any> {
  return JSON.parse(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-5d8f9c7b6-${i}`,
        namespace: 'production-frontend',
        uid: `0000-${i}`,
        resourceVersion: String(100 + i),
        creationTimestamp: '2025-01-01T00:00:00Z',
        labels: { app: 'web', 'pod-template-hash': '5d8f9c7b6' },
      },
      spec: {
        nodeName: 'ip-10-0-1-23.eu-west-1.compute.internal',
        containers: [
          { name: 'app', image: 'registry.example.com/team/web:1.2.3', ports: [{ containerPort: 80 }] },
        ],
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
        securityContext: {},
      },
      status: { podIP: `10.1.${i}.7`, startTime: '2025-01-01T00:00:00Z', message: 'm'.repeat(200) },
    }),
  );
}

describe('Interner', () => {
  it('keeps every value (deepEqual, member order) and shares repeated strings and small objects', () => {
    const it = new Interner();
    const a = decoded(1);
    const b = decoded(2);
    const copyA = structuredClone(a);
    const copyB = structuredClone(b);
    assert.equal(it.intern(a), a, 'in place');
    it.intern(b);
    assert.deepEqual(a, copyA);
    assert.deepEqual(b, copyB);
    assert.deepEqual(Object.keys(a.spec), Object.keys(copyA.spec));
    // Shared leaves: the same instance in both objects.
    assert.equal(a.spec.tolerations[0], b.spec.tolerations[0]);
    assert.equal(a.spec.containers[0].ports[0], b.spec.containers[0].ports[0]);
    assert.equal(a.spec.securityContext, b.spec.securityContext);
    assert.equal(a.metadata.labels, b.metadata.labels);
    // Objects holding objects are not shared, only their members.
    assert.notEqual(a.spec.containers[0], b.spec.containers[0]);
    assert.notEqual(a.spec, b.spec);
  });

  it('does not pool what is unique per object: metadata.name, uid, resourceVersion, pod IP, long strings', () => {
    const it = new Interner();
    it.intern(decoded(1));
    const before = it.size.strings;
    it.intern(decoded(2));
    assert.equal(it.size.strings, before, 'a second pod adds nothing to the pool');
    it.intern({ metadata: {}, status: { message: 'x'.repeat(INTERN_MAX_STRING + 1) } });
    assert.equal(it.size.strings, before);
  });

  it('bounds both pools: a full pool starts afresh', () => {
    const it = new Interner({ maxStrings: 10, maxLeaves: 5 });
    for (let i = 0; i < 100; i++) {
      it.intern({ metadata: {}, spec: { node: `node-name-${i}`, leaf: { n: i } } });
      assert.ok(it.size.strings <= 10, `strings ${it.size.strings}`);
      assert.ok(it.size.leaves <= 5, `leaves ${it.size.leaves}`);
    }
    const x = { metadata: {}, spec: { node: 'node-name-99' } };
    it.intern(x);
    assert.equal(x.spec.node, 'node-name-99');
  });

  it('leaves an own "__proto__" member alone and never changes a prototype', () => {
    const it = new Interner();
    const evil = JSON.parse('{"metadata":{"__proto__":{"polluted":"yes"}},"spec":{"__proto__":{"a":"b"}}}');
    const copy = structuredClone(evil);
    it.intern(evil);
    it.intern(JSON.parse('{"metadata":{},"spec":{"a":"b"}}'));
    assert.equal(Object.getPrototypeOf(evil.spec), Object.prototype);
    assert.equal(Object.getPrototypeOf(evil.metadata), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(evil, copy);
  });

  it('never merges -0 with 0, nor a number with its string, nor {} with []', () => {
    const it = new Interner();
    const a = JSON.parse('{"metadata":{},"s":{"x":-0},"t":{"x":0},"u":{"x":"0"},"v":{},"w":[]}');
    it.intern(a);
    assert.ok(Object.is(a.s.x, -0));
    assert.ok(Object.is(a.t.x, 0));
    assert.equal(a.u.x, '0');
    assert.ok(Array.isArray(a.w));
    assert.ok(!Array.isArray(a.v));
  });
});
