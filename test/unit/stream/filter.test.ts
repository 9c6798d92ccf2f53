import * as assert from 'node:assert/strict';
import {
  compileFilter,
  emptyFilter,
  matchRanges,
  narrows,
  objectUids,
  searchText,
  type StreamFilter,
  textTerms,
} from '../../../src/core/stream/filter';
import type { EventRow } from '../../../src/protocol/events';
import { row, T0 } from './fixtures';

const entry = (r: EventRow) => ({ row: r, search: searchText(r) });
const accepts = (f: Partial<StreamFilter>, r: EventRow) =>
  compileFilter({ ...emptyFilter(), ...f })(entry(r));

describe('stream/filter', () => {
  const warn = row({
    id: 'a',
    type: 'Warning',
    reason: 'BackOff',
    namespace: 'web',
    context: 'prod',
    kind: 'Pod',
  });
  const normal = row({
    id: 'b',
    reason: 'Pulled',
    namespace: 'db',
    context: 'dev',
    kind: 'Node',
    message: 'Image pulled',
  });

  it('filters nothing when empty', () => {
    assert.ok(accepts({}, warn) && accepts({}, normal));
  });

  it('Warnings only keeps Warning events', () => {
    assert.ok(accepts({ warningsOnly: true }, warn));
    assert.ok(!accepts({ warningsOnly: true }, normal));
  });

  it('ORs values within a list and ANDs across lists', () => {
    assert.ok(accepts({ namespaces: ['web', 'db'] }, normal));
    assert.ok(!accepts({ namespaces: ['web'], contexts: ['dev'] }, warn));
    assert.ok(
      accepts({ namespaces: ['web'], contexts: ['prod'], kinds: ['Pod'], reasons: ['BackOff'] }, warn),
    );
    assert.ok(!accepts({ kinds: ['Deployment'] }, warn));
    assert.ok(!accepts({ reasons: ['Pulled'] }, warn));
  });

  it('object filter matches the uid set within its context only', () => {
    const object = {
      context: 'prod',
      uids: ['uid-a', 'uid-x'],
      descendantUids: [],
      includeDescendants: true,
      label: 'Deployment/web',
    };
    assert.ok(accepts({ object }, warn));
    assert.ok(!accepts({ object }, normal));
    assert.ok(!accepts({ object: { ...object, context: 'dev' } }, warn));
  });

  it("object filter adds the descendants' uids only while the toggle is on", () => {
    const dep = row({ id: 'd', context: 'prod', uid: 'dep', kind: 'Deployment' });
    const rs = row({ id: 'r', context: 'prod', uid: 'rs', kind: 'ReplicaSet' });
    const pod = row({ id: 'p', context: 'prod', uid: 'pod', kind: 'Pod' });
    const other = row({ id: 'o', context: 'prod', uid: 'elsewhere' });
    const on = {
      context: 'prod',
      uids: ['dep'],
      descendantUids: ['rs', 'pod'],
      includeDescendants: true,
      label: 'Deployment/web',
    };
    const off = { ...on, includeDescendants: false };
    assert.deepEqual(
      [dep, rs, pod, other].map((r) => accepts({ object: on }, r)),
      [true, true, true, false],
    );
    assert.deepEqual(
      [dep, rs, pod, other].map((r) => accepts({ object: off }, r)),
      [true, false, false, false],
    );
    assert.deepEqual([...objectUids(off)], ['dep']);
    assert.deepEqual([...objectUids(on)].sort(), ['dep', 'pod', 'rs']);
  });

  it('minute filter keeps events last seen within that minute (and context)', () => {
    const r = row({ id: 'm', lastSeen: T0 + 30_000 });
    assert.ok(accepts({ minute: { start: T0, context: '' } }, r));
    assert.ok(accepts({ minute: { start: T0, context: 'prod' } }, r));
    assert.ok(!accepts({ minute: { start: T0, context: 'dev' } }, r));
    assert.ok(!accepts({ minute: { start: T0 + 60_000, context: '' } }, r));
    assert.ok(!accepts({ minute: { start: 0, context: '' } }, row({ id: 'u', lastSeen: 0 })));
  });

  it('free text matches message, reason and object, case-insensitively, all terms', () => {
    assert.ok(accepts({ text: 'IMAGE' }, normal));
    assert.ok(accepts({ text: 'backoff' }, warn));
    assert.ok(accepts({ text: 'pod/pod-a' }, warn));
    assert.ok(accepts({ text: 'image pulled' }, normal));
    assert.ok(!accepts({ text: 'image missing' }, normal));
    assert.ok(!accepts({ text: 'source-kubelet' }, normal));
  });

  it('textTerms splits on whitespace and lowercases', () => {
    assert.deepEqual(textTerms('  Foo   BAR '), ['foo', 'bar']);
    assert.deepEqual(textTerms('   '), []);
  });

  it('matchRanges finds merged, sorted ranges in the original text', () => {
    assert.deepEqual(matchRanges('Back-off back-OFF', ['back']), [
      [0, 4],
      [9, 13],
    ]);
    assert.deepEqual(matchRanges('abcdef', ['bcd', 'cde']), [[1, 5]]);
    assert.deepEqual(matchRanges('abc', []), []);
    assert.deepEqual(matchRanges('', ['a']), []);
  });

  it('matchRanges maps back when lowercasing changes the length (U+0130)', () => {
    const text = 'İstanbul pod failed';
    const ranges = matchRanges(text, ['pod']);
    assert.equal(ranges.length, 1);
    const [s, e] = ranges[0]!;
    assert.equal(text.slice(s, e), 'pod');
  });

  it('narrows only when the new filter accepts a subset', () => {
    const f = { ...emptyFilter(), text: 'back' };
    assert.ok(narrows(f, { ...f, text: 'backo' }));
    assert.ok(narrows(f, { ...f, text: 'back pod' }));
    assert.ok(!narrows(f, { ...f, text: 'bac' }));
    assert.ok(narrows({ ...f, warningsOnly: false }, { ...f, text: 'back', warningsOnly: true }));
    assert.ok(!narrows({ ...f, warningsOnly: true }, { ...f, warningsOnly: false }));
  });

  it('switching descendants off narrows; switching them on or changing the object does not', () => {
    const on = {
      context: 'prod',
      uids: ['dep'],
      descendantUids: ['rs', 'pod'],
      includeDescendants: true,
      label: 'Deployment/web',
    };
    const f = { ...emptyFilter(), object: on };
    const off = { ...f, object: { ...on, includeDescendants: false } };
    assert.ok(narrows(f, off));
    assert.ok(narrows(off, { ...off, object: { ...off.object } }));
    assert.ok(!narrows(off, f));
    assert.ok(!narrows(f, { ...f, object: { ...on, uids: ['other'] } }));
    assert.ok(!narrows(f, { ...f, object: { ...on, context: 'dev' } }));
    assert.ok(!narrows(f, { ...f, object: { ...on, descendantUids: ['rs', 'pod', 'more'] } }));
    assert.ok(!narrows(emptyFilter(), f), 'adding an object filter is not a narrowing the view reuses');
    assert.ok(!narrows(f, emptyFilter()));
  });
});
