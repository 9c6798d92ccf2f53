import * as assert from 'node:assert/strict';
import {
  itemText,
  JsonListScanner,
  ListStructureError,
  type ManagedFieldsCut,
} from '../../../src/kube/jsonListStream';
import { SizeLimitError } from '../../../src/kube/limits';

/** scan feeds `text` in chunks of `size` bytes and returns the items and metadata. */
function scan(text: string, size: number, maxItemBytes = 1 << 20) {
  const items: unknown[] = [];
  const scanner = new JsonListScanner({
    maxItemBytes,
    onItem: (b) => items.push(JSON.parse(b.toString('utf8'))),
  });
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
  const meta = scanner.end();
  return { items, metadata: meta === undefined ? undefined : JSON.parse(meta.toString('utf8')) };
}

describe('JsonListScanner', () => {
  const tricky = {
    kind: 'PodList',
    apiVersion: 'v1',
    extra: { items: [{ not: 'these' }], s: '"}]{[' },
    items: [
      { metadata: { name: 'a"}{]\\', uid: '\\\\' }, s: 'é ✓ 多 😀 \\" \u2028 \n' },
      { metadata: { name: 'b' }, n: [1, -2.5e3, true, false, null, [], {}] },
      { metadata: { name: 'c\\' } },
    ],
    metadata: { resourceVersion: '42', continue: 'tok"en' },
    'esc\\"aped': 'x',
  };

  it('yields every item and the metadata, whatever the chunk boundaries', () => {
    for (const text of [JSON.stringify(tricky), JSON.stringify(tricky, null, 2)]) {
      for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
        const got = scan(text, size);
        assert.deepEqual(got.items, tricky.items, `chunks of ${size}`);
        assert.deepEqual(got.metadata, tricky.metadata);
      }
    }
  });

  it('accepts items null, an empty list, and a list without metadata', () => {
    assert.deepEqual(scan('{"items":null,"metadata":{"resourceVersion":"1"}}', 3).items, []);
    assert.deepEqual(scan('{"items":[]}', 1), { items: [], metadata: undefined });
    assert.deepEqual(scan('{}', 1), { items: [], metadata: undefined });
  });

  it('rejects bodies that are not a List object', () => {
    for (const bad of [
      '[1]',
      '{"items":{}}',
      '{"items":[{}]',
      '{"a" 1}',
      '{"items":[]}x',
      '',
      '{"items":[}]}',
    ]) {
      assert.throws(() => scan(bad, 2), ListStructureError, bad);
    }
  });

  it('rejects an item over the cap without keeping it', () => {
    const text = JSON.stringify({ items: [{ metadata: {}, pad: 'x'.repeat(5000) }] });
    assert.throws(() => scan(text, 100, 4096), SizeLimitError);
    assert.equal(scan(text, 100, 8192).items.length, 1);
  });

  it('skips huge members other than items and metadata without capturing them', () => {
    const text = JSON.stringify({ junk: 'x'.repeat(100_000), items: [{ metadata: {} }] });
    assert.equal(scan(text, 1000, 1024).items.length, 1);
  });

  /** rng is a seeded xorshift, so a failing case can be replayed. */
  function rng(seed: number) {
    let x = seed || 1;
    return (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
  }
  const ALPHABET = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'a', '1', 'é', '😀', 'null', 'true', '\n'];

  function randomValue(r: (n: number) => number, depth: number): unknown {
    const k = r(depth > 3 ? 4 : 6);
    if (k === 0) return r(1000) - 500;
    if (k === 1) return Array.from({ length: r(6) }, () => ALPHABET[r(ALPHABET.length)]).join('');
    if (k === 2) return [null, true, false][r(3)];
    if (k === 3) return 1.5e10;
    if (k === 4) return Array.from({ length: r(4) }, () => randomValue(r, depth + 1));
    return Object.fromEntries(
      Array.from({ length: r(4) }, () => [String(randomValue(r, 9)), randomValue(r, depth + 1)]),
    );
  }

  it('agrees with JSON.parse on 2,000 seeded random lists, whatever the chunking', () => {
    const r = rng(42);
    for (let c = 0; c < 2000; c++) {
      const list = {
        [String(randomValue(r, 9))]: randomValue(r, 0),
        items: Array.from({ length: r(5) }, () => randomValue(r, 1)),
        metadata: { resourceVersion: String(r(1e6)), x: randomValue(r, 1) },
      };
      const text = JSON.stringify(list, null, r(2) ? 1 : undefined);
      const got = scan(text, 1 + r(40));
      assert.deepEqual(got.items, JSON.parse(text).items, `case ${c}: ${text}`);
      assert.deepEqual(got.metadata, list.metadata, `case ${c}`);
    }
  });

  it('never throws anything but its own errors on 5,000 seeded mutated bodies', () => {
    const r = rng(7);
    const base = Buffer.from(JSON.stringify(tricky));
    for (let c = 0; c < 5000; c++) {
      const bytes = Buffer.from(base);
      for (let m = 1 + r(4); m > 0; m--) bytes[r(bytes.length)] = r(256);
      const cut = r(3) === 0 ? bytes.subarray(0, r(bytes.length)) : bytes;
      const scanner = new JsonListScanner({
        maxItemBytes: 1 << 16,
        onItem: (b) => {
          try {
            JSON.parse(b.toString('utf8'));
          } catch {
            // The consumer's concern (a 500 in httpListerWatcher); the scanner goes on.
          }
        },
      });
      try {
        for (let i = 0; i < cut.length; i += 13) scanner.push(cut.subarray(i, i + 13));
        scanner.end();
      } catch (err) {
        assert.ok(
          err instanceof ListStructureError || err instanceof SizeLimitError,
          `case ${c}: ${String(err)}`,
        );
      }
    }
  });

  describe('skipManagedFields: the range of metadata.managedFields, for a consumer that drops it', () => {
    /** scanCut feeds `text` in chunks of `size` and returns each item's bytes and cut. */
    function scanCut(text: string, size: number) {
      const out: { text: string; cut?: ManagedFieldsCut }[] = [];
      const scanner = new JsonListScanner({
        maxItemBytes: 1 << 20,
        skipManagedFields: true,
        onItem: (b, cut) => out.push({ text: b.toString('utf8'), cut }),
      });
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
      scanner.end();
      return out;
    }
    /** dropped: the parsed item as the consumer keeps it (no metadata.managedFields). */
    function dropped(text: string): unknown {
      const o = JSON.parse(text) as { metadata?: unknown };
      if (o.metadata && typeof o.metadata === 'object')
        delete (o.metadata as Record<string, unknown>).managedFields;
      return o;
    }
    const mf = [
      { manager: 'kubelet', fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': {} } } } },
    ];

    it('finds it in a pod, and the text without it parses to the same pod but for it', () => {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { a: 'b' }, finalizers: ['x'], managedFields: mf, uid: 'u' },
        spec: { managedFields: ['not this one'], containers: [{ name: 'c' }] },
      };
      const text = JSON.stringify({ items: [pod, pod] });
      const [a, b] = scanCut(text, 1 << 16);
      for (const item of [a!, b!]) {
        assert.ok(item.cut, 'no cut');
        const bytes = Buffer.from(item.text);
        assert.equal(
          bytes.subarray(item.cut.start, item.cut.end).toString(),
          `"managedFields":${JSON.stringify(mf)}`,
        );
        const parsed = JSON.parse(itemText(bytes, item.cut)) as typeof pod;
        assert.equal('managedFields' in parsed.metadata, false);
        assert.deepEqual(parsed.spec.managedFields, ['not this one']);
        assert.deepEqual(dropped(itemText(bytes, item.cut)), dropped(item.text));
      }
    });

    it('leaves it out with its comma, first, last, only or in between, compact or indented', () => {
      const shapes = [
        { managedFields: [1], name: 'a' },
        { name: 'a', managedFields: [1] },
        { managedFields: [1] },
        { name: 'a', managedFields: [[], {}], uid: 'u' },
      ];
      for (const metadata of shapes) {
        for (const indent of [undefined, 1, '\t']) {
          const text = JSON.stringify({ items: [{ metadata, x: 1 }] }, null, indent);
          const [got] = scanCut(text, 1 << 16);
          assert.ok(got!.cut, text);
          const { managedFields: _gone, ...rest } = metadata;
          assert.deepEqual(
            JSON.parse(itemText(Buffer.from(got!.text), got!.cut)),
            { metadata: rest, x: 1 },
            text,
          );
        }
      }
    });

    it('cuts only `"managedFields"`, a colon and an array: what is left is never made valid by the cut', () => {
      for (const bad of [
        '{"metadata":{"managedFields":"x"[1]}}',
        '{"metadata":{"managedFields"[1]}}',
        '{"metadata":{"managedFields"::[1]}}',
        '{"metadata":{"managedFields":1[1]}}',
        '{"metadata":{"managedFields":},"metadata":{"x":[1]}}',
      ]) {
        const [got] = scanCut(`{"items":[${bad}]}`, 1 << 16);
        assert.equal(got!.cut, undefined, bad);
      }
    });

    it('cuts nothing it is not sure of: escaped or split names, other places, other shapes', () => {
      const cases: [string, unknown][] = [
        ['escaped name', '{"metadata":{"managed\\u0046ields":[1]}}'],
        ['not in metadata', { spec: { managedFields: [1] }, status: { metadata: { managedFields: [1] } } }],
        ['deeper in metadata', { metadata: { labels: { managedFields: [1] } } }],
        ['not an array', { metadata: { managedFields: { a: 1 } } }],
        ['null', { metadata: { managedFields: null, name: 'x' } }],
        ['metadata not an object', { metadata: ['managedFields', [1]], x: { managedFields: [1] } }],
        ['an item that is not an object', '[1,"metadata"{"managedFields":[1]}]'],
      ];
      for (const [what, item] of cases) {
        const text = typeof item === 'string' ? `{"items":[${item}]}` : JSON.stringify({ items: [item] });
        const [got] = scanCut(text, 1 << 16);
        assert.equal(got!.cut, undefined, what);
      }
      // Split across chunks (one byte at a time): the names are never seen whole.
      const pod = { metadata: { name: 'p', managedFields: mf } };
      assert.equal(scanCut(JSON.stringify({ items: [pod] }), 1)[0]!.cut, undefined);
      // Duplicate metadata: JSON.parse keeps the last; either way the kept item is the same.
      const dup =
        '{"items":[{"metadata":{"managedFields":[1],"name":"a"},"metadata":{"name":"b","managedFields":[2]}}]}';
      const [d] = scanCut(dup, 1 << 16);
      assert.deepEqual(dropped(itemText(Buffer.from(d!.text), d!.cut)), { metadata: { name: 'b' } });
    });

    it('agrees with JSON.parse but for managedFields on 2,000 seeded random lists, and cuts when it can', () => {
      const r = rng(1337);
      let cuts = 0;
      let cuttable = 0;
      for (let c = 0; c < 2000; c++) {
        const items = Array.from({ length: 1 + r(4) }, () => {
          const meta: Record<string, unknown> = {};
          for (let k = r(4); k > 0; k--) meta[String(randomValue(r, 9))] = randomValue(r, 2);
          if (r(4) !== 0) meta.managedFields = [randomValue(r, 2), randomValue(r, 2)];
          for (let k = r(3); k > 0; k--) meta[String(randomValue(r, 9))] = randomValue(r, 2);
          const item: Record<string, unknown> = {};
          for (let k = r(3); k > 0; k--) item[String(randomValue(r, 9))] = randomValue(r, 1);
          item.metadata = meta;
          if (r(3) === 0) item.spec = { managedFields: [randomValue(r, 2)] };
          return item;
        });
        const text = JSON.stringify({ items }, null, r(2) ? 1 : undefined);
        const whole = r(2) === 0;
        const got = scanCut(text, whole ? 1 << 20 : 1 + r(40));
        assert.equal(got.length, items.length, `case ${c}`);
        got.forEach((g, i) => {
          const bytes = Buffer.from(g.text);
          assert.deepEqual(
            dropped(itemText(bytes, g.cut)),
            dropped(g.text),
            `case ${c} item ${i}: ${g.text}`,
          );
          const meta = (JSON.parse(g.text) as { metadata: Record<string, unknown> }).metadata;
          if (whole && Array.isArray(meta.managedFields)) {
            cuttable++;
            if (g.cut) cuts++;
          }
        });
      }
      // Unsplit and unescaped, every array is found: random names may be escaped ("\\", '"').
      assert.ok(cuttable > 500 && cuts / cuttable > 0.5, `${cuts} cuts of ${cuttable}`);
    });

    it('never throws anything but its own errors on 5,000 seeded mutated bodies, nor cuts outside the item', () => {
      const r = rng(99);
      const base = Buffer.from(
        JSON.stringify({
          items: [{ metadata: { name: 'p', managedFields: mf, uid: 'u' }, spec: { x: [1, 2] } }],
        }),
      );
      for (let c = 0; c < 5000; c++) {
        const bytes = Buffer.from(base);
        for (let m = 1 + r(4); m > 0; m--) bytes[r(bytes.length)] = r(256);
        const scanner = new JsonListScanner({
          maxItemBytes: 1 << 16,
          skipManagedFields: true,
          onItem: (b, cut) => {
            if (cut) assert.ok(cut.start >= 0 && cut.end <= b.length && cut.start < cut.end, `case ${c}`);
            let original: unknown;
            try {
              original = dropped(b.toString('utf8'));
            } catch {
              return; // not JSON: the consumer's 500
            }
            assert.deepEqual(dropped(itemText(b, cut)), original, `case ${c}`);
          },
        });
        try {
          const size = c % 2 === 0 ? 29 : bytes.length;
          for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
          scanner.end();
        } catch (err) {
          assert.ok(
            err instanceof ListStructureError || err instanceof SizeLimitError,
            `case ${c}: ${String(err)}`,
          );
        }
      }
    });
  });
});
