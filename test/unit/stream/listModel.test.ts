import * as assert from 'node:assert/strict';
import { emptyFilter, type StreamFilter } from '../../../src/core/stream/filter';
import { EventListModel, FilteredView } from '../../../src/core/stream/listModel';
import { SORT_COLUMNS } from '../../../src/protocol/events';
import { manyRows, rng, row, T0 } from './fixtures';

const ids = (m: EventListModel) => m.all().map((e) => e.row.id);

describe('stream/listModel EventListModel', () => {
  it('orders newest first by last seen, undated last, ties by first seen then id', () => {
    const m = new EventListModel();
    m.reset([
      row({ id: 'old', lastSeen: T0 - 1000 }),
      row({ id: 'undated', lastSeen: 0, firstSeen: 0 }),
      row({ id: 'new', lastSeen: T0 }),
      row({ id: 'tie-b', lastSeen: T0 - 500, firstSeen: T0 - 900 }),
      row({ id: 'tie-a', lastSeen: T0 - 500, firstSeen: T0 - 600 }),
    ]);
    assert.deepEqual(ids(m), ['new', 'tie-a', 'tie-b', 'old', 'undated']);
    m.setSort('lastSeen', false);
    assert.deepEqual(ids(m), ['old', 'tie-a', 'tie-b', 'new', 'undated']);
  });

  it('a repeat replaces its row in place and moves it to the top', () => {
    const m = new EventListModel();
    m.reset([row({ id: 'a', lastSeen: T0 - 2000 }), row({ id: 'b', lastSeen: T0 - 1000 })]);
    const added = m.apply({ upsert: [row({ id: 'a', lastSeen: T0, count: 5 })] });
    assert.deepEqual(added, []);
    assert.equal(m.size, 2);
    assert.deepEqual(ids(m), ['a', 'b']);
    assert.equal(m.get('a')!.row.count, 5);
  });

  it('expire marks rows without moving them; remove drops them; unknown ids are ignored', () => {
    const m = new EventListModel();
    m.reset([row({ id: 'a' }), row({ id: 'b', lastSeen: T0 - 1 })]);
    const v = m.version;
    m.apply({
      expire: [
        { id: 'a', at: T0 + 5 },
        { id: 'zz', at: 1 },
      ],
      remove: ['b', 'nope'],
    });
    assert.ok(m.version > v);
    assert.deepEqual(ids(m), ['a']);
    assert.equal(m.get('a')!.row.expired, 1);
    assert.equal(m.get('a')!.row.expiredAt, T0 + 5);
  });

  it('incremental updates give the same order as a fresh sort, for every column', () => {
    const r = rng(7);
    for (const column of SORT_COLUMNS) {
      for (const descending of [true, false]) {
        const inc = new EventListModel();
        inc.setSort(column, descending);
        const base = manyRows(400, 3);
        inc.reset(base);
        const live = new Map(base.map((x) => [x.id, x]));
        for (let step = 0; step < 40; step++) {
          const pick = [...live.keys()][Math.floor(r() * live.size)]!;
          if (r() < 0.2) {
            inc.apply({ remove: [pick] });
            live.delete(pick);
          } else {
            const updated = {
              ...live.get(pick)!,
              lastSeen: T0 + step * 1000,
              count: step + 2,
              reason: `R${step % 3}`,
            };
            inc.apply({ upsert: [updated] });
            live.set(pick, updated);
          }
        }
        const fresh = new EventListModel();
        fresh.setSort(column, descending);
        fresh.reset([...live.values()]);
        assert.deepEqual(ids(inc), ids(fresh), `${column} ${descending ? 'desc' : 'asc'}`);
      }
    }
  });
});

describe('stream/listModel FilteredView', () => {
  it('narrowing from the last result equals filtering everything', () => {
    const m = new EventListModel();
    m.reset(manyRows(3000, 5));
    const view = new FilteredView(m);
    let f: StreamFilter = emptyFilter();
    for (const text of ['b', 'ba', 'bac', 'back', 'backo', 'back', 'b', '', 'node-1', 'node-1 app']) {
      f = { ...f, text };
      const got = view.compute(f);
      const want = new FilteredView(m).compute(f);
      assert.deepEqual(
        got.map((e) => e.row.id),
        want.map((e) => e.row.id),
        text,
      );
    }
    m.apply({ upsert: [{ ...m.all()[10]!.row, message: 'node-1 app zzz', lastSeen: T0 + 1 }] });
    const after = view.compute({ ...f });
    assert.equal(after[0]!.row.message, 'node-1 app zzz');
  });

  it('filters and sorts 100,000 rows; typing agrees with a fresh filter (timings printed)', function () {
    this.timeout(30_000);
    const m = new EventListModel();
    m.reset(manyRows(100_000, 11));
    const view = new FilteredView(m);
    const time = (fn: () => void) => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    };
    const full: number[] = [];
    for (const text of ['backoff', 'node-3', 'app-4 attempt', 'zzz-nothing', 'pod']) {
      full.push(
        time(() => new FilteredView(m).compute({ ...emptyFilter(), text, warningsOnly: text === 'pod' })),
      );
    }
    const typing: number[] = [];
    let f = emptyFilter();
    for (const text of ['n', 'no', 'nod', 'node', 'node-', 'node-1', 'node-12']) {
      f = { ...f, text };
      typing.push(time(() => view.compute(f)));
    }
    const resort = time(() => m.setSort('reason', false));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `      100k rows: full filter median ${median(full).toFixed(1)} ms, typing median ${median(typing).toFixed(1)} ms, re-sort by reason ${resort.toFixed(0)} ms`,
    );
    // Printed, not asserted: wall time on a shared machine is noise. The 50 ms target is
    // measured by bench scenario 5 (filter keystroke -> painted frame at 100,000 rows).
    const typed = view.compute(f).map((e) => e.row.id);
    const fresh = new FilteredView(m).compute(f).map((e) => e.row.id);
    assert.deepEqual(typed, fresh, 'the incremental view agrees with a fresh one after re-sort');
    assert.ok(new FilteredView(m).compute({ ...emptyFilter(), text: 'backoff' }).length > 0);
  });
});
