import * as assert from 'node:assert/strict';
import {
  indexAt,
  revealScrollTop,
  type RowGeometry,
  rowTop,
  totalHeight,
  visibleWindow,
} from '../../../src/webview/virtualWindow';

const g = (count: number, expandedIndex = -1, expandedHeight = 0): RowGeometry => ({
  count,
  rowHeight: 20,
  expandedIndex,
  expandedHeight,
});

describe('webview/virtualWindow', () => {
  it('renders a bounded window whatever the row count', () => {
    for (const count of [0, 1, 10, 1000, 100_000, 10_000_000]) {
      for (const top of [0, 1234, 1e9]) {
        const w = visibleWindow(g(count), top, 400, 5);
        assert.ok(w.end - w.start <= Math.ceil(400 / 20) + 1 + 2 * 5, `${count} @ ${top}`);
        assert.ok(w.start >= 0 && w.end <= count && w.start <= w.end);
      }
    }
  });

  it('maps offsets to rows and back', () => {
    const geo = g(100_000);
    assert.equal(totalHeight(geo), 2_000_000);
    assert.equal(indexAt(geo, 0), 0);
    assert.equal(indexAt(geo, 19), 0);
    assert.equal(indexAt(geo, 20), 1);
    assert.equal(indexAt(geo, 1e12), 99_999);
    assert.deepEqual(visibleWindow(geo, 200, 100, 2), { start: 8, end: 17, totalHeight: 2_000_000 });
  });

  it('accounts for one expanded row', () => {
    const geo = g(100, 5, 120);
    assert.equal(totalHeight(geo), 100 * 20 + 100);
    assert.equal(rowTop(geo, 5), 100);
    assert.equal(rowTop(geo, 6), 220);
    assert.equal(indexAt(geo, 100), 5);
    assert.equal(indexAt(geo, 219), 5);
    assert.equal(indexAt(geo, 220), 6);
    assert.equal(indexAt(geo, 99), 4);
    for (let y = 0; y < totalHeight(geo); y += 7) {
      const i = indexAt(geo, y);
      assert.ok(rowTop(geo, i) <= y && y < rowTop(geo, i + 1), `y=${y} i=${i}`);
    }
  });

  it('scrolls just enough to reveal a row', () => {
    const geo = g(1000);
    assert.equal(revealScrollTop(geo, 10, 0, 400), 0);
    assert.equal(revealScrollTop(geo, 30, 0, 400), 31 * 20 - 400);
    assert.equal(revealScrollTop(geo, 2, 500, 400), 40);
  });
});
