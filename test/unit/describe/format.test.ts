import * as assert from 'node:assert/strict';
import {
  formatLabels,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
  rfc1123z,
  timeFormatter,
} from '../../../src/core/describe/format';
import { camelSplit, smartLabelFor } from '../../../src/core/describe/generic';
import { DescribeWriter } from '../../../src/core/describe/printer';
import {
  add,
  canonical,
  formatQuantity,
  milliValue,
  parseQuantity,
  value,
} from '../../../src/core/describe/quantity';
import { formatLabelSelector, selectorMatches, selectorString } from '../../../src/core/describe/selector';

function written(fn: (w: DescribeWriter) => void): string {
  const w = new DescribeWriter();
  fn(w);
  return w.text();
}

describe('describe format helpers', () => {
  it('rfc1123z prints Go RFC1123Z in the given zone; unset times print Go zero time', () => {
    const ms = Date.parse('2026-03-01T07:05:09Z');
    assert.equal(rfc1123z(ms, 0), 'Sun, 01 Mar 2026 07:05:09 +0000');
    assert.equal(rfc1123z(ms, 330), 'Sun, 01 Mar 2026 12:35:09 +0530');
    assert.equal(rfc1123z(ms, -480), 'Sat, 28 Feb 2026 23:05:09 -0800');
    assert.equal(timeFormatter(() => 0)(undefined), 'Mon, 01 Jan 0001 00:00:00 +0000');
    assert.equal(timeFormatter(() => 0)(null), 'Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it('labels: sorted, one per line, aligned; <none> when empty', () => {
    assert.equal(
      written((w) => {
        printLabelsMultiline(w, 'Labels', { b: '2', a: '1' });
        printLabelsMultiline(w, 'Node-Selectors', {});
      }),
      'Labels:          a=1\n                 b=2\nNode-Selectors:  <none>\n',
    );
    assert.equal(formatLabels({ z: '1', a: '' }), 'a=,z=1');
    assert.equal(formatLabels(undefined), '<none>');
  });

  it('annotations: skips last-applied-configuration, folds long and multi-line values', () => {
    const text = written((w) =>
      printAnnotationsMultiline(w, 'Annotations', {
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        short: 'v',
        long: 'y'.repeat(200),
        multi: 'one\ntwo\n',
      }),
    );
    assert.equal(
      text,
      `Annotations:  long:\n                ${'y'.repeat(138)}...\n              multi:\n                one\n                two\n              short: v\n`,
    );
    assert.equal(
      written((w) =>
        printAnnotationsMultiline(w, 'Annotations', {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        }),
      ),
      'Annotations:  <none>\n',
    );
  });

  it('tolerations and taints print in kubectl order and syntax', () => {
    assert.equal(
      written((w) =>
        printTolerationsMultiline(w, 'Tolerations', [
          { key: 'z', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
          { operator: 'Exists' },
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ]),
      ),
      'Tolerations:  op=Exists\n              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n              z=v:NoSchedule\n',
    );
    assert.equal(
      written((w) =>
        printTaintsMultiline(w, 'Taints', [
          { key: 'b', effect: 'NoSchedule' },
          { key: 'a', value: 'x', effect: 'NoExecute' },
        ]),
      ),
      'Taints:  a=x:NoExecute\n         b:NoSchedule\n',
    );
  });
});

describe('describe quantities', () => {
  it('prints the canonical form Go prints', () => {
    for (const [input, out] of [
      ['100m', '100m'],
      ['4000m', '4'],
      ['0.5', '500m'],
      ['1000', '1k'],
      ['16384Mi', '16Gi'],
      ['8148236Ki', '8148236Ki'],
      ['1536Mi', '1536Mi'],
      ['512', '512'],
      ['1.5Gi', '1536Mi'],
      ['2e3', '2e3'],
      ['0', '0'],
      ['garbage', 'garbage'],
    ]) {
      assert.equal(canonical(input), out, input);
    }
  });

  it('adds, and rounds Value/MilliValue up', () => {
    const sum = add(parseQuantity('128Mi')!, parseQuantity('64Mi')!);
    assert.equal(formatQuantity(sum), '192Mi');
    assert.equal(formatQuantity(add(parseQuantity('100m')!, parseQuantity('250m')!)), '350m');
    assert.equal(milliValue(parseQuantity('1.0001m')!), 2);
    assert.equal(value(parseQuantity('1500m')!), 2);
  });
});

describe('describe label selectors', () => {
  const sel = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['b', 'a'] },
      { key: 'canary', operator: 'DoesNotExist' },
      { key: 'env', operator: 'NotIn', values: ['dev'] },
      { key: 'team', operator: 'Exists' },
    ],
  };

  it('prints requirements sorted by key, as Selector.String()', () => {
    assert.equal(selectorString(sel), 'app=web,!canary,env notin (dev),team,tier in (a,b)');
    assert.equal(selectorString(undefined), '');
    assert.equal(selectorString({}), '');
    assert.equal(formatLabelSelector({}), '<none>');
    assert.equal(selectorString({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
  });

  it('matches labels; nil selects nothing and {} everything', () => {
    assert.ok(selectorMatches(sel, { app: 'web', tier: 'a', team: 'x' }));
    assert.ok(!selectorMatches(sel, { app: 'web', tier: 'a', team: 'x', canary: '1' }));
    assert.ok(!selectorMatches(sel, { app: 'web', tier: 'c', team: 'x' }));
    assert.ok(!selectorMatches(sel, { app: 'web', tier: 'a', team: 'x', env: 'dev' }));
    assert.ok(!selectorMatches(undefined, { app: 'web' }));
    assert.ok(selectorMatches({}, {}));
  });
});

describe('describe smart labels (generic describer)', () => {
  it('splits camel case like fatih/camelcase', () => {
    assert.deepEqual(camelSplit('HTTPServerID'), ['HTTP', 'Server', 'ID']);
    assert.deepEqual(camelSplit('apiVersion'), ['api', 'Version']);
  });

  it('title-cases words and upper-cases common acronyms; leaves fields with digits alone', () => {
    assert.equal(smartLabelFor('apiVersion'), 'API Version');
    assert.equal(smartLabelFor('creationTimestamp'), 'Creation Timestamp');
    assert.equal(smartLabelFor('uid'), 'UID');
    assert.equal(smartLabelFor('data-source'), 'Data - Source');
    assert.equal(smartLabelFor('key1'), 'key1');
  });
});
