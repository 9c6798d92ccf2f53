// Pure geometry of the virtual list: fixed-height rows, at most one taller (expanded) row.

/** RowGeometry describes the list's rows: `count` rows of `rowHeight`, except `expandedIndex`. */
export interface RowGeometry {
  count: number;
  rowHeight: number;
  /** The index of the one expanded row, or -1. */
  expandedIndex: number;
  /** The expanded row's full height (>= rowHeight). */
  expandedHeight: number;
}

/** VisibleWindow is the half-open range of rows to render, overscan included. */
export interface VisibleWindow {
  start: number;
  end: number;
  totalHeight: number;
}

function extra(g: RowGeometry): number {
  return g.expandedIndex >= 0 && g.expandedIndex < g.count ? Math.max(0, g.expandedHeight - g.rowHeight) : 0;
}

/** totalHeight is the height of all rows. */
export function totalHeight(g: RowGeometry): number {
  return g.count * g.rowHeight + extra(g);
}

/** rowTop is the y offset of row `i`. */
export function rowTop(g: RowGeometry, i: number): number {
  const base = i * g.rowHeight;
  return g.expandedIndex >= 0 && i > g.expandedIndex ? base + extra(g) : base;
}

/** rowHeightAt is the height of row `i`. */
export function rowHeightAt(g: RowGeometry, i: number): number {
  return i === g.expandedIndex ? g.rowHeight + extra(g) : g.rowHeight;
}

/** indexAt returns the row at offset y (clamped to [0, count - 1]; 0 for an empty list). */
export function indexAt(g: RowGeometry, y: number): number {
  if (g.count === 0) return 0;
  const e = g.expandedIndex;
  const x = extra(g);
  let i: number;
  if (e >= 0 && x > 0 && y >= (e + 1) * g.rowHeight) {
    const expandedEnd = (e + 1) * g.rowHeight + x;
    i = y < expandedEnd ? e : Math.floor((y - x) / g.rowHeight);
  } else {
    i = Math.floor(y / g.rowHeight);
  }
  return Math.min(g.count - 1, Math.max(0, i));
}

/**
 * visibleWindow returns the rows that intersect [scrollTop, scrollTop + viewportHeight) plus
 * `overscan` rows either side. The number of rows is bounded by
 * ceil(viewportHeight / rowHeight) + 1 + 2 * overscan, whatever `count` is.
 */
export function visibleWindow(
  g: RowGeometry,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): VisibleWindow {
  const total = totalHeight(g);
  if (g.count === 0 || viewportHeight <= 0) return { start: 0, end: 0, totalHeight: total };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, total - viewportHeight)));
  const first = indexAt(g, top);
  const last = indexAt(g, top + viewportHeight - 1);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(g.count, last + 1 + overscan),
    totalHeight: total,
  };
}

/** revealScrollTop returns the scrollTop that brings row `i` fully into view (or the current one). */
export function revealScrollTop(
  g: RowGeometry,
  i: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const top = rowTop(g, i);
  const bottom = top + Math.min(rowHeightAt(g, i), viewportHeight);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}
