// How the host splits a snapshot into messages: the newest rows first, so a page that is shown
// again paints its first screenful before the rest of the history has arrived. Pure (no vscode).
import type { EventRow } from '../../protocol/events';
import { rowBytes } from '../../protocol/rowBytes';

/** FIRST_CHUNK is how many of the newest rows the first snapshot message carries (at least). */
export const FIRST_CHUNK = 1000;
/** SNAPSHOT_CHUNK is the number of rows in each later message (50,000 rows are 10 messages). */
export const SNAPSHOT_CHUNK = 5000;
/**
 * SNAPSHOT_MAX_BYTES bounds one message's estimated size (rowBytes): 5,000 rows whose messages
 * sit at the 64 Ki-character field cap would otherwise make one message of ~350 MB.
 */
export const SNAPSHOT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * snapshotChunks splits `rows` into the row lists of consecutive snapshot messages. The first
 * list holds the `first` newest rows by last seen, plus every row tied with the oldest of them;
 * undated rows (lastSeen 0) are never in it unless nothing is dated. So under the view's default
 * order (newest first, undated last) every later row sorts after every row of the first list:
 * the first list, sorted, is exactly the top of the full list. Later lists have at most `size`
 * rows, in input order. Every list also stays under `maxBytes` by rowBytes (a list that would
 * pass it ends early; the first is then cut newest first, so it still holds the top rows; a
 * single row is never split). Always returns at least one list; rows are neither copied nor
 * mutated.
 */
export function snapshotChunks(
  rows: readonly EventRow[],
  first = FIRST_CHUNK,
  size = SNAPSHOT_CHUNK,
  maxBytes = SNAPSHOT_MAX_BYTES,
): EventRow[][] {
  let head: EventRow[];
  const rest: EventRow[] = [];
  if (rows.length <= first) head = rows.slice();
  else {
    const dated = new Float64Array(rows.length);
    let k = 0;
    for (const r of rows) if (r.lastSeen > 0) dated[k++] = r.lastSeen;
    const times = dated.subarray(0, k).sort();
    const cutoff = k === 0 ? Infinity : times[Math.max(0, k - first)]!;
    head = [];
    for (const r of rows) (r.lastSeen >= cutoff ? head : rest).push(r);
  }
  const chunks: EventRow[][] = [];
  if (head.length) {
    if (totalBytes(head) > maxBytes) {
      // Newest first, so the first message still holds the top rows of the list.
      head.sort((a, b) => b.lastSeen - a.lastSeen);
      chunks.push(...byBytes(head, head.length, maxBytes));
    } else chunks.push(head);
  }
  chunks.push(...byBytes(rest, size, maxBytes));
  return chunks.length ? chunks : [[]];
}

function totalBytes(rows: readonly EventRow[]): number {
  let n = 0;
  for (const r of rows) n += rowBytes(r);
  return n;
}

/** byBytes cuts `rows` in order into lists of at most `size` rows and `maxBytes` (one row at least). */
function byBytes(rows: readonly EventRow[], size: number, maxBytes: number): EventRow[][] {
  const out: EventRow[][] = [];
  let cur: EventRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    const b = rowBytes(r);
    if (cur.length > 0 && (cur.length >= size || bytes + b > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += b;
  }
  if (cur.length) out.push(cur);
  return out;
}
