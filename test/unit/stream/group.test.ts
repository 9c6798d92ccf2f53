import * as assert from 'node:assert/strict';
import { flattenGroups, groupEntries, groupSummary } from '../../../src/core/stream/group';
import { EventListModel } from '../../../src/core/stream/listModel';
import { row, T0 } from './fixtures';

function model() {
  const m = new EventListModel();
  const owner = { ownerKind: 'Deployment', ownerName: 'web', ownerUid: 'dep-1' };
  m.reset([
    row({
      id: 'p1-a',
      uid: 'p1',
      name: 'web-1',
      reason: 'BackOff',
      type: 'Warning',
      lastSeen: T0,
      count: 3,
      ...owner,
    }),
    row({
      id: 'p1-b',
      uid: 'p1',
      name: 'web-1',
      reason: 'BackOff',
      type: 'Warning',
      lastSeen: T0 - 10,
      count: 2,
      ...owner,
    }),
    row({
      id: 'p2',
      uid: 'p2',
      name: 'web-2',
      reason: 'BackOff',
      type: 'Warning',
      lastSeen: T0 - 20,
      ...owner,
    }),
    row({ id: 'p3', uid: 'p3', name: 'web-3', reason: 'Pulled', lastSeen: T0 - 30, ...owner }),
    row({
      id: 'n1',
      uid: 'n1',
      kind: 'Node',
      name: 'node-1',
      reason: 'BackOff',
      lastSeen: T0 - 40,
      expired: 1,
    }),
    row({
      id: 'other-ctx',
      context: 'dev',
      uid: 'p1',
      name: 'web-1',
      reason: 'BackOff',
      lastSeen: T0 - 50,
      ...owner,
    }),
  ]);
  return m;
}

describe('stream/group', () => {
  it('groups by (object, reason) per context, in sort order', () => {
    const groups = groupEntries(model().all(), 'object');
    assert.deepEqual(
      groups.map((g) => [g.label, g.reason, g.members.length, g.count, g.objects]),
      [
        ['Pod/web-1', 'BackOff', 2, 5, 1],
        ['Pod/web-2', 'BackOff', 1, 1, 1],
        ['Pod/web-3', 'Pulled', 1, 1, 1],
        ['Node/node-1', 'BackOff', 1, 1, 1],
        ['Pod/web-1', 'BackOff', 1, 1, 1],
      ],
    );
    assert.equal(groupSummary(groups[0]!), 'BackOff on Pod/web-1');
  });

  it('groups by (owner, reason): BackOff on 2 Pods of Deployment/web is one row', () => {
    const groups = groupEntries(model().all(), 'owner');
    const first = groups[0]!;
    assert.equal(first.label, 'Deployment/web');
    assert.equal(first.members.length, 3);
    assert.equal(first.objects, 2);
    assert.equal(first.warning, true);
    assert.equal(first.expired, false);
    assert.equal(groupSummary(first), 'BackOff on 2 Pods of Deployment/web');
    // No owner: grouped by the object itself.
    const node = groups.find((g) => g.label === 'Node/node-1')!;
    assert.equal(node.expired, true);
    assert.equal(groups.length, 4);
  });

  it('flattens expanded groups with their members after the header', () => {
    const groups = groupEntries(model().all(), 'owner');
    const items = flattenGroups(groups, new Set([groups[0]!.key]));
    assert.deepEqual(
      items.map((i) => i.kind),
      ['group', 'member', 'member', 'member', 'group', 'group', 'group'],
    );
  });
});
