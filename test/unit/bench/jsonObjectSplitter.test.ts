import * as assert from 'node:assert/strict';
import { JsonObjectSplitter } from '../../../bench/lib/kubectlWatch';

describe('bench: JsonObjectSplitter (kubectl -w -o json, cut as it arrives)', () => {
  it('returns each object once its closing brace has arrived, whatever the chunks', () => {
    const objects = [
      { metadata: { namespace: 'live', name: 'a' }, message: 'brace } and { in a "string" \\ here' },
      { metadata: { namespace: 'live', name: 'b' }, nested: { list: [{ x: 1 }, {}] } },
    ];
    const text = objects.map((o) => JSON.stringify(o, null, 4)).join('\n');
    for (const size of [1, 3, 7, 64, text.length]) {
      const split = new JsonObjectSplitter();
      const out: unknown[] = [];
      for (let i = 0; i < text.length; i += size)
        out.push(...split.push(text.slice(i, i + size)).map((t) => JSON.parse(t)));
      assert.deepEqual(out, objects, `chunks of ${size}`);
    }
  });

  it('holds nothing back between objects, and nothing before the first', () => {
    const split = new JsonObjectSplitter();
    assert.deepEqual(split.push('noise {"a":'), []);
    assert.deepEqual(split.push('1}\n{"b"'), ['{"a":1}']);
    assert.deepEqual(split.push(':2}'), ['{"b":2}']);
  });

  it('rejects an object longer than its bound', () => {
    const split = new JsonObjectSplitter(100);
    assert.deepEqual(split.push(`{"a":"${'x'.repeat(50)}`), []);
    assert.throws(() => split.push('x'.repeat(60)), /longer than 100 characters/);
  });
});
