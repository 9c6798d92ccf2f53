import * as assert from 'node:assert/strict';
import { compileFilter, emptyFilter, narrows, type StreamFilter } from '../../../src/core/stream/filter';
import { EventListModel, FilteredView } from '../../../src/core/stream/listModel';
import { bucketFor, computeTimelineWindow } from '../../../src/core/stream/timeline';
import { isRelative, resolveTimeRange, timelineSpan } from '../../../src/core/stream/timeRange';
import type { EventRow, TimeRange } from '../../../src/protocol/events';
import { row, T0 } from './fixtures';

const MIN = 60_000;
const range = (mode: TimeRange['mode'], from = 0, to = 0): TimeRange => ({ mode, from, to });
const entry = (r: EventRow) => ({ row: r, search: '' });
const accepts = (f: Partial<StreamFilter>, r: EventRow) =>
  compileFilter({ ...emptyFilter(), ...f })(entry(r));

describe('stream/timeRange: the Events view time range', () => {
  it('resolves the relative modes against the anchor, custom as given, all as no window', () => {
    assert.equal(resolveTimeRange(range('all'), T0), null);
    assert.deepEqual(resolveTimeRange(range('5m'), T0), { from: T0 - 5 * MIN, to: Infinity });
    assert.deepEqual(resolveTimeRange(range('15m'), T0), { from: T0 - 15 * MIN, to: Infinity });
    assert.deepEqual(resolveTimeRange(range('1h'), T0), { from: T0 - 60 * MIN, to: Infinity });
    assert.deepEqual(resolveTimeRange(range('custom', T0 - 10, T0 + 10), 0), { from: T0 - 10, to: T0 + 10 });
    assert.ok(isRelative(range('15m')) && !isRelative(range('all')) && !isRelative(range('custom', 1, 2)));
  });

  it('keeps the events last seen inside the window; undated events only with all history', () => {
    const now = T0;
    const within = row({ id: 'a', lastSeen: now - 4 * MIN });
    const before = row({ id: 'b', lastSeen: now - 6 * MIN });
    const undated = row({ id: 'c', lastSeen: 0 });
    const ahead = row({ id: 'd', lastSeen: now + MIN });
    const five = { time: resolveTimeRange(range('5m'), now) };
    assert.ok(accepts(five, within));
    assert.ok(!accepts(five, before));
    assert.ok(!accepts(five, undated));
    assert.ok(accepts(five, ahead), 'a clock ahead of ours does not hide an event');
    assert.ok(accepts({ time: resolveTimeRange(range('all'), now) }, undated));
    const custom = { time: resolveTimeRange(range('custom', now - 10 * MIN, now - 5 * MIN), now) };
    assert.ok(accepts(custom, before));
    assert.ok(!accepts(custom, within));
    assert.ok(!accepts(custom, ahead));
  });

  it('filters on the reporting component and host (OR inside one, AND across)', () => {
    const kubelet = row({ id: 'k', source: 'kubelet', host: 'node-1' });
    const sched = row({ id: 's', source: 'default-scheduler', host: '' });
    assert.ok(accepts({ sources: ['kubelet'] }, kubelet));
    assert.ok(!accepts({ sources: ['kubelet'] }, sched));
    assert.ok(accepts({ sources: ['kubelet', 'default-scheduler'] }, sched));
    assert.ok(accepts({ hosts: ['node-1'] }, kubelet));
    assert.ok(!accepts({ hosts: ['node-2'] }, kubelet));
    assert.ok(!accepts({ sources: ['kubelet'], hosts: ['node-1'] }, sched));
  });

  it('a changed time, source or host filter is never taken for a narrowing of the old result', () => {
    const base = { ...emptyFilter(), text: 'a' };
    assert.ok(!narrows(base, { ...base, time: { from: 1, to: 2 } }));
    assert.ok(!narrows({ ...base, time: { from: 1, to: 2 } }, { ...base, time: { from: 0, to: 2 } }));
    assert.ok(
      narrows({ ...base, time: { from: 1, to: 2 } }, { ...base, text: 'ab', time: { from: 1, to: 2 } }),
    );
    assert.ok(!narrows(base, { ...base, sources: ['kubelet'] }));
    assert.ok(!narrows(base, { ...base, hosts: ['n'] }));
  });

  it('FilteredView recomputes when only the window slid (same text, new time)', () => {
    const model = new EventListModel();
    model.reset([row({ id: 'old', lastSeen: T0 - 10 * MIN }), row({ id: 'new', lastSeen: T0 })]);
    const view = new FilteredView(model);
    const f = (anchor: number) => ({ ...emptyFilter(), time: resolveTimeRange(range('5m'), anchor) });
    assert.deepEqual(
      view
        .compute(f(T0 - 5 * MIN))
        .map((e) => e.row.id)
        .sort(),
      ['new', 'old'],
    );
    assert.deepEqual(
      view.compute(f(T0)).map((e) => e.row.id),
      ['new'],
    );
  });
});

describe('stream/timeline: scaled to the time range', () => {
  it('picks buckets so that each range fits in at most 60 bars', () => {
    const now = T0 + 12_345;
    for (const [mode, width, bars] of [
      ['5m', 10_000, 30],
      ['15m', 30_000, 30],
      ['1h', 60_000, 60],
    ] as const) {
      const t = computeTimelineWindow([], timelineSpan(range(mode), now, 0));
      assert.equal(t.bucketMs, width, mode);
      assert.ok(t.minutes <= 60, `${mode}: ${t.minutes} buckets`);
      assert.ok(t.minutes >= bars - 1, `${mode}: ${t.minutes} buckets`);
      assert.ok(t.start <= now - width * (bars - 2) && t.start + t.minutes * t.bucketMs > now);
    }
  });

  it('all history spans from the oldest event (at least the last hour), custom its own window', () => {
    const now = T0;
    assert.deepEqual(timelineSpan(range('all'), now, 0), { from: now - 60 * MIN, to: now });
    assert.deepEqual(timelineSpan(range('all'), now, now - 5 * MIN), { from: now - 60 * MIN, to: now });
    assert.deepEqual(timelineSpan(range('all'), now, now - 6 * 3_600_000), {
      from: now - 6 * 3_600_000,
      to: now,
    });
    assert.deepEqual(timelineSpan(range('custom', now - 99, now - 9), now, 0), {
      from: now - 99,
      to: now - 9,
    });
    const t = computeTimelineWindow([], timelineSpan(range('all'), now, now - 6 * 3_600_000));
    assert.equal(t.bucketMs, 600_000, '6 hours in 10-minute bars');
  });

  it('stays within the bound for a bogus decades-old timestamp', () => {
    for (const maxBuckets of [60, 7, 2]) {
      const size = bucketFor(1, T0, maxBuckets);
      const t = computeTimelineWindow(
        [{ row: row({ id: 'x', lastSeen: 1 }) }],
        { from: 1, to: T0 },
        maxBuckets,
      );
      assert.equal(t.bucketMs, size);
      assert.ok(t.minutes <= maxBuckets, `${t.minutes} > ${maxBuckets}`);
      const total = t.series.reduce((n, s) => n + s.normal.reduce((a, b) => a + b, 0), 0);
      assert.equal(total, 1, 'the old event is in the first bucket');
    }
  });

  it('counts each event in its bucket, per context, by type', () => {
    const now = T0;
    const rows = [
      row({ id: 'a', lastSeen: now - 4 * MIN - 1, type: 'Warning' }),
      row({ id: 'b', lastSeen: now - 1000 }),
      row({ id: 'c', lastSeen: now - 1000, context: 'dev' }),
      row({ id: 'd', lastSeen: now - 20 * MIN }),
    ].map(entry);
    const t = computeTimelineWindow(rows, timelineSpan(range('5m'), now, 0));
    assert.deepEqual(
      t.series.map((s) => s.context),
      ['dev', 'prod'],
    );
    const prod = t.series[1]!;
    assert.equal(
      prod.warning.reduce((a, b) => a + b, 0),
      1,
    );
    assert.equal(
      prod.normal.reduce((a, b) => a + b, 0),
      1,
      'the event 20 minutes old is outside',
    );
    const last = Math.floor((now - 1000 - t.start) / t.bucketMs);
    assert.equal(prod.normal[last], 1);
    assert.equal(t.max, 1);
  });
});
