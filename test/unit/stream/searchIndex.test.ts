import * as assert from 'node:assert/strict';
import { SearchIndex, type Slotted } from '../../../src/core/stream/searchIndex';
import { rng } from './fixtures';

describe('stream/searchIndex SearchIndex', () => {
  it('agrees with includes() through adds, updates, removes and compaction', () => {
    const r = rng(3);
    const words = ['alpha', 'beta', 'gamma', 'delta', 'pod-1', 'pod-12', 'node'];
    const pick = () => words[Math.floor(r() * words.length)]!;
    const idx = new SearchIndex<Slotted>();
    const items: Slotted[] = [];
    for (let i = 0; i < 3000; i++) {
      const it = { search: `${pick()} ${pick()}`, slot: -1 };
      items.push(it);
      idx.add(it);
    }
    let live = [...items];
    for (let step = 0; step < 6000; step++) {
      const it = live[Math.floor(r() * live.length)]!;
      if (r() < 0.1) {
        idx.remove(it);
        live = live.filter((x) => x !== it);
      } else {
        it.search = `${pick()} ${pick()} ${pick()}`;
        idx.update(it);
      }
      if (step % 1000 === 0 || step === 5999) {
        for (const terms of [['pod-1'], ['alpha', 'node'], ['zzz'], ['a']]) {
          const hits = idx.search(terms);
          for (const x of live) {
            const want = terms.every((t) => x.search.includes(t));
            assert.equal(hits[x.slot] === terms.length, want, `${x.search} ${terms.join(' ')}`);
          }
        }
      }
    }
  });
});
