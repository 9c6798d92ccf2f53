import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { alignTabs } from '../../../src/core/describe/printer';
import { TEXT_LIMITS } from '../../../src/core/text/sanitize';
import { coreEvent, render } from './helpers';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', uid: 'pod-uid' },
  spec: { containers: [{ name: 'app', image: 'nginx' }] },
};
const involved = { kind: 'Pod', name: 'p', namespace: 'ns', uid: 'pod-uid' };
const MB = 1024 * 1024;

describe('describe: hostile event text is bounded and visible', () => {
  it('a 1 MB reason does not pad every row: the document stays small', () => {
    const events = [coreEvent('huge', involved, { reason: 'R'.repeat(MB), message: 'M'.repeat(MB) })];
    for (let i = 0; i < 200; i++)
      events.push(coreEvent(`e${i}`, involved, { reason: 'Pulled', message: `ok ${i}` }));
    const text = render('Pod', pod, { events });
    assert.ok(text.length < 200_000, `document is ${text.length} characters`);
    const rows = text.split('\n').filter((l) => l.includes('ok 1'));
    assert.ok(rows.length > 0);
    for (const l of rows) assert.ok(l.length < 600, `row is ${l.length} characters`);
    const huge = text.split('\n').find((l) => l.includes('RRRR'))!;
    assert.ok(huge.includes('…'), 'the cut is marked');
    assert.ok(!huge.includes('R'.repeat(TEXT_LIMITS.describeReason)), 'reason capped');
    assert.ok(
      huge.length <
        TEXT_LIMITS.describeReason + TEXT_LIMITS.describeColumn * 2 + TEXT_LIMITS.describeLastCell,
    );
  });

  it('bounds every padded cell of any table, and a last cell', () => {
    const table = `${'k'.repeat(MB)}\tv\nshort\tw\nx\t${'z'.repeat(MB)}\n`;
    const out = alignTabs(table);
    assert.ok(
      out.length < 3 * (TEXT_LIMITS.describeColumn + 2) + TEXT_LIMITS.describeLastCell + 50,
      `${out.length}`,
    );
    const [first, second] = out.split('\n');
    assert.equal(first!.indexOf('v'), second!.indexOf('w'), 'still aligned');
  });

  it('every character class shows visibly in the Events table and Labels', () => {
    const hostile = 'a\u202eb\u200bc\u0085d\u2028e\u0007f';
    const events = [coreEvent('h', involved, { reason: hostile, message: hostile })];
    const text = render(
      'Pod',
      { ...pod, metadata: { ...pod.metadata, labels: { app: hostile } } },
      { events },
    );
    assert.doesNotMatch(
      text,
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/,
    );
    const visible = 'a<U+202E>b<U+200B>c<U+0085>d<U+2028>e\u2407f';
    assert.ok(text.includes(`app=${visible}`), 'label');
    assert.equal(text.split('\n').filter((l) => l.includes(visible)).length, 2, 'label and event row');
  });
});

describe('describe: hostile text in the added kinds is bounded and visible', () => {
  const hostile = '\u001b[31mred\u001b[0m\u202eevil\u0007';
  const controls =
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

  it('ConfigMap values and Secret key names go through the sanitizer', () => {
    const cm = render('ConfigMap', { metadata: { name: 'c' }, data: { [hostile]: `${hostile}\nline` } });
    const secret = render('Secret', { metadata: { name: 's' }, type: hostile, data: { [hostile]: 'YQ==' } });
    for (const text of [cm, secret]) {
      assert.doesNotMatch(text, controls);
      assert.ok(text.includes('red<U+202E>evil\u2407'), text);
    }
  });

  it('a 1 MB host, path or key does not pad every line: each cell is capped', () => {
    const ingress = render('Ingress', {
      metadata: { name: 'i', namespace: 'n' },
      spec: { rules: [{ host: 'h'.repeat(MB), http: { paths: [{ path: 'p'.repeat(MB), backend: {} }] } }] },
    });
    const quota = render('ResourceQuota', {
      metadata: { name: 'q' },
      status: { hard: { ['r'.repeat(MB)]: '1', pods: '2' } },
    });
    for (const text of [ingress, quota]) {
      assert.ok(text.length < 20_000, `document is ${text.length} characters`);
      for (const l of text.split('\n'))
        assert.ok(l.length < 2 * TEXT_LIMITS.describeColumn + 100, `${l.length}`);
    }
  });
});
