import * as assert from 'node:assert/strict';
import type { Match } from '../../../src/core/manifests/match';
import { foundLenses } from '../../../src/host/manifests/fileMatches';

type Found = Extract<Match, { state: 'found' }>;

function found(warnings: number): Found {
  return {
    state: 'found',
    context: 'prod',
    namespace: 'shop',
    name: 'web',
    by: 'name',
    obj: { metadata: { name: 'web' } },
    summary: { status: 'Available', health: 'ok', ready: { ready: 3, desired: 3 } },
    warnings: Array.from({ length: warnings }, (_, i) => ({ reason: `R${i}` })),
    recent: [],
    descendantCount: 4,
  } as unknown as Found;
}

describe('manifests: CodeLens of a live object', function () {
  it('reads `● Available 3/3 · Show Events · Describe` without a Warning', function () {
    assert.deepEqual(
      foundLenses(found(0)).map((l) => `${l.title}>${l.action}`),
      ['● Available 3/3>showEvents', 'Show Events>showEvents', 'Describe>describe'],
    );
  });

  it('adds the warnings and Explain when the object or its descendants warn', function () {
    assert.deepEqual(
      foundLenses(found(2)).map((l) => `${l.title}>${l.action}`),
      [
        '● Available 3/3 · 2 warnings>showEvents',
        'Show Events>showEvents',
        'Describe>describe',
        'Explain>explain',
      ],
    );
  });
});
