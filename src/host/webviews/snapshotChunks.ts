// How the host splits a snapshot into messages: the newest rows first, so a page that is shown
// again paints its first screenful before the rest of the history has arrived. Pure (no vscode).
import type { EventRow } from '../../protocol/events';

/** FIRST_CHUNK is how many of the newest rows the first snapshot message carries (at least). */
export const FIRST_CHUNK = 1000;
/** SNAPSHOT_CHUNK is the number of rows in each later message (50,000 rows are 10 messages). */
export const SNAPSHOT_CHUNK = 5000;

/**
 * snapshotChunks splits `rows` into the row lists of consecutive snapshot messages. The first
 * list holds the `first` newest rows by last seen, plus every row tied with the oldest of them;
 * undated rows (lastSeen 0) are never in it unless nothing is dated. So under the view's default
 * order (newest first, undated last) every later row sorts after every row of the first list:
 * the first list, sorted, is exactly the top of the full list. Later lists have at most `size`
 * rows, in input order. Always returns at least one list; rows are neither copied nor mutated.
 */
export function snapshotChunks(
  rows: readonly EventRow[],
  first = FIRST_CHUNK,
  size = SNAPSHOT_CHUNK,
): EventRow[][] {
  if (rows.length <= first) return [rows.slice()];
  const dated = new Float64Array(rows.length);
  let k = 0;
  for (const r of rows) if (r.lastSeen > 0) dated[k++] = r.lastSeen;
  const times = dated.subarray(0, k).sort();
  const cutoff = k === 0 ? Infinity : times[Math.max(0, k - first)]!;
  const head: EventRow[] = [];
  const rest: EventRow[] = [];
  for (const r of rows) (r.lastSeen >= cutoff ? head : rest).push(r);
  const chunks: EventRow[][] = head.length ? [head] : [];
  for (let i = 0; i < rest.length; i += size) chunks.push(rest.slice(i, i + size));
  return chunks.length ? chunks : [[]];
}
