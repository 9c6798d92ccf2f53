import * as assert from 'node:assert/strict';
import {
  type DescribeSection,
  describeFoldingRanges,
  describeLinks,
  describeOutline,
  describeSections,
  MAX_LINES,
} from '../../../src/core/describe/outline';
import { ago, coreEvent, render } from './helpers';

const POD = `Name:             web-7d4b9c-x2x9q
Namespace:        shop
Node:             node-2/10.0.0.1
Labels:           app=web
                  pod-template-hash=7d4b9c
Status:           Running
Controlled By:  ReplicaSet/api-b5cc77ffb
Containers:
  app:
    Image:          shop/web:2.1
    Limits:
      cpu:     1
      memory:  512Mi
    Mounts:  <none>

Conditions:
  Type           Status
  Ready          False 
Events:
  Type     Reason   Age   From     Message
  ----     ------   ----  ----     -------
  Warning  Failed   5s    kubelet  Error: ErrImagePull: rpc error: code = NotFound
  Normal   Pulling  9s    kubelet  Pulling image "shop/web:2.1"
`;

/** shape reduces sections to `name@line-endLine` with their children, for compact asserts. */
function shape(sections: readonly DescribeSection[]): unknown[] {
  return sections.map((s) =>
    s.children.length > 0
      ? { [`${s.name}@${s.line}-${s.endLine}`]: shape(s.children) }
      : `${s.name}@${s.line}-${s.endLine}`,
  );
}

/** linked returns each link as `line:text -> Kind ns/name`. */
function linked(text: string, namespace?: string): string[] {
  const lines = text.split('\n');
  return describeLinks(text, { namespace }).map(
    (l) =>
      `${l.line}:${lines[l.line]!.slice(l.start, l.end)} -> ${l.target.kind} ${l.target.namespace ?? ''}/${l.target.name}`,
  );
}

describe('describe outline', () => {
  it('reads sections by indentation: continuation lines, nested keys and tables belong to their key', () => {
    assert.deepEqual(shape(describeSections(POD)), [
      'Name@0-0',
      'Namespace@1-1',
      'Node@2-2',
      'Labels@3-4',
      'Status@5-5',
      'Controlled By@6-6',
      {
        'Containers@7-13': [
          {
            'app@8-13': ['Image@9-9', { 'Limits@10-12': ['cpu@11-11', 'memory@12-12'] }, 'Mounts@13-13'],
          },
        ],
      },
      'Conditions@15-17',
      'Events@18-22',
    ]);
  });

  it('keeps a value with colons whole, and never takes a table row for a key', () => {
    const sections = describeSections(POD);
    const image = sections[6]!.children[0]!.children[0]!;
    assert.equal(image.value, 'shop/web:2.1');
    assert.equal(sections[5]!.value, 'ReplicaSet/api-b5cc77ffb');
    // The Warning row has "Error: ErrImagePull: ..." but its columns are separated by runs of spaces.
    assert.equal(sections[sections.length - 1]!.children.length, 0);
  });

  it('folds every section that has lines under it, blank lines inside included', () => {
    assert.deepEqual(describeFoldingRanges(POD), [
      { start: 3, end: 4 },
      { start: 7, end: 13 },
      { start: 8, end: 13 },
      { start: 10, end: 12 },
      { start: 15, end: 17 },
      { start: 18, end: 22 },
    ]);
  });

  it('outlines top-level keys and, below them, only the keys that head something', () => {
    const names = (ss: readonly DescribeSection[]): unknown[] =>
      ss.map((s) => (s.children.length ? { [s.name]: names(s.children) } : s.name));
    assert.deepEqual(names(describeOutline(POD)), [
      'Name',
      'Namespace',
      'Node',
      'Labels',
      'Status',
      'Controlled By',
      { Containers: [{ app: ['Limits'] }] },
      'Conditions',
      'Events',
    ]);
  });

  it('reads at most MAX_LINES lines of a huge document', () => {
    const huge = 'Items:\n' + '  x\n'.repeat(MAX_LINES + 10);
    const [items] = describeSections(huge);
    assert.equal(items!.endLine, MAX_LINES - 1);
    assert.equal(describeLinks('Node: n\n'.repeat(MAX_LINES + 10)).length, MAX_LINES);
  });
});

describe('describe links', () => {
  it('links Kind/name references, the node of a pod and its namespace', () => {
    assert.deepEqual(linked(POD, 'shop'), [
      '1:shop -> Namespace /shop',
      '2:node-2 -> Node /node-2',
      '6:api-b5cc77ffb -> ReplicaSet shop/api-b5cc77ffb',
    ]);
  });

  it('links nothing namespaced without the document namespace, and never <none> or invalid names', () => {
    assert.deepEqual(linked(POD), ['1:shop -> Namespace /shop', '2:node-2 -> Node /node-2']);
    assert.deepEqual(
      linked('Node:  <none>\nControlled By:  ReplicaSet/Bad_Name\nNamespace:  <none>\n', 'shop'),
      [],
    );
    assert.deepEqual(linked('Image:  registry/Pod/x\nSelector:  apps/Deployment/y\n', 'shop'), []);
  });

  it("links the replica sets of a deployment and a cron job's active jobs, each name alone", () => {
    const text =
      'OldReplicaSets:  web-111 (0/0 replicas created), web-222 (2/2 replicas created)\n' +
      'NewReplicaSet:   web-333 (2/2 replicas created)\n' +
      'Active Jobs:         nightly-1, nightly-2\n';
    assert.deepEqual(linked(text, 'shop'), [
      '0:web-111 -> ReplicaSet shop/web-111',
      '0:web-222 -> ReplicaSet shop/web-222',
      '1:web-333 -> ReplicaSet shop/web-333',
      '2:nightly-1 -> Job shop/nightly-1',
      '2:nightly-2 -> Job shop/nightly-2',
    ]);
  });

  it("links the pods of a node's Non-terminated Pods table in their own namespaces", () => {
    const node = render(
      'Node',
      { metadata: { name: 'n1', creationTimestamp: ago(0) }, status: {} },
      {
        related: {
          podsOnNode: () => [
            { metadata: { name: 'dns', namespace: 'kube-system' }, spec: { containers: [] } },
            { metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [] } },
          ],
        },
      },
    );
    const links = linked(node).filter((l) => / -> Pod /.test(l));
    assert.deepEqual(
      links.map((l) => l.replace(/^\d+:/, '')),
      ['dns -> Pod kube-system/dns', 'web -> Pod shop/web'],
    );
  });

  it('reads our own rendering of a pod: owner, node and namespace', () => {
    const text = render(
      'Pod',
      {
        metadata: {
          name: 'p',
          namespace: 'shop',
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9', uid: 'u', controller: true },
          ],
        },
        spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'i' }] },
        status: { phase: 'Running', hostIP: '10.0.0.1' },
      },
      { events: [coreEvent('e', { kind: 'Pod', name: 'p', namespace: 'shop' })] },
    );
    assert.deepEqual(
      linked(text, 'shop').map((l) => l.replace(/^\d+:/, '')),
      ['shop -> Namespace /shop', 'node-2 -> Node /node-2', 'web-5d9 -> ReplicaSet shop/web-5d9'],
    );
  });
});
