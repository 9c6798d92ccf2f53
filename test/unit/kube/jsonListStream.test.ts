import * as assert from 'node:assert/strict';
import { JsonListScanner, ListStructureError } from '../../../src/kube/jsonListStream';
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
});
