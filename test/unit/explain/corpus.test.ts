import * as assert from 'node:assert/strict';
import { explain } from '../../../src/core/explain/explain';
import { NOW } from './builders';
import { BEYOND } from './corpusBeyond';
import type { CorpusCase } from './corpusCase';
import { CLUSTER } from './corpusCluster';
import { PODS } from './corpusPods';
import { SCHEDULING } from './corpusScheduling';

const ALL: CorpusCase[] = [...SCHEDULING, ...PODS, ...CLUSTER, ...BEYOND];

describe('explain corpus (real messages from the Kubernetes components)', () => {
  it('holds at least 60 messages', () => {
    assert.ok(ALL.length >= 60, `${ALL.length} cases`);
    assert.equal(new Set(ALL.map((c) => c.name)).size, ALL.length, 'case names are unique');
  });

  for (const c of ALL) {
    it(`${c.event.reason}: ${c.name}`, () => {
      const x = explain(c.event, c.cache(), NOW);
      const dump = `\ncause: ${x.cause}\nevidence:\n  ${x.evidence.map((e) => e.text).join('\n  ')}`;
      assert.match(x.cause, c.cause, dump);
      for (const re of c.evidence ?? [])
        assert.ok(
          x.evidence.some((e) => re.test(e.text)),
          `evidence ${re}${dump}`,
        );
      if (c.confidence) assert.equal(x.confidence, c.confidence, dump);
      const absent = x.evidence
        .filter((e) => e.absent && e.ref)
        .map((e) => `${e.ref!.kind}/${e.ref!.namespace}/${e.ref!.name}`);
      assert.deepEqual([...new Set(absent)].sort(), [...(c.absent ?? [])].sort(), dump);
      for (const re of c.never ?? []) {
        assert.doesNotMatch(x.cause, re, dump);
        for (const e of x.evidence) assert.doesNotMatch(e.text, re, dump);
      }
      assert.equal(x.reason, c.event.reason);
      assert.ok(x.cause.length > 0 && !x.cause.includes('\n'));
    });
  }
});
