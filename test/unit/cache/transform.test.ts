import assert from 'node:assert/strict';
import { LAST_APPLIED_ANNOTATION, stripForCache } from '../../../src/core/cache/transform';
import { type KubeObject } from '../../../src/core/cache/types';

describe('stripForCache', () => {
  it('drops managedFields and last-applied-configuration without mutating the input', () => {
    const input: KubeObject = {
      kind: 'Pod',
      spec: { x: 1 },
      metadata: {
        name: 'a',
        managedFields: [{ manager: 'kubectl' }],
        annotations: { [LAST_APPLIED_ANNOTATION]: '{}', keep: 'me' },
      },
    };
    const before = structuredClone(input);
    const out = stripForCache(input);
    assert.deepEqual(input, before);
    assert.notEqual(out, input);
    assert.deepEqual(out, {
      kind: 'Pod',
      spec: { x: 1 },
      metadata: { name: 'a', annotations: { keep: 'me' } },
    });
    assert.equal(out.spec, input.spec, 'other fields are shared');
  });

  it('drops an annotations map left empty', () => {
    const out = stripForCache({ metadata: { name: 'a', annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } } });
    assert.deepEqual(out, { metadata: { name: 'a' } });
  });

  it('returns an object with nothing to strip as is: no copy per watch event', () => {
    const input: KubeObject = { metadata: { name: 'a', annotations: { keep: 'me' } } };
    assert.equal(stripForCache(input), input);
  });
});
