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
});
