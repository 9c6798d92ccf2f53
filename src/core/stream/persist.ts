import { type EventRow, isEventRow } from '../../protocol/events';

/** The first line of a history file. */
const HEADER = { format: 'kube-events-history', version: 1 } as const;

export interface SerializeOptions {
  /** Stop adding rows past this many bytes of output (UTF-16 units, close enough). */
  maxBytes?: number;
  /** Messages longer than this are cut (the full text stays in memory until the reload). */
  maxMessage?: number;
}

/** HISTORY_CHUNK_CHARS is about how much text one chunk of serializeHistoryChunks holds. */
export const HISTORY_CHUNK_CHARS = 256 * 1024;

/**
 * serializeSteps is the history file's writer as a generator: it yields after each row it
 * writes, so a caller can give the event loop turns (serializeHistoryChunks) or run it through
 * (serializeHistory). The file is NDJSON: a header line, then one row per line, until
 * `maxBytes` (default 32 MiB) so the file stays bounded however large the messages are. Rows go
 * in the history's order, each line into the current chunk (about HISTORY_CHUNK_CHARS), with no
 * copy of the whole; only when the bound is passed does it start again with live rows first,
 * then newest first, leaving out rows that do not fit (restore sorts for itself either way).
 */
function* serializeSteps(
  rows: readonly EventRow[],
  options: SerializeOptions,
  out: string[],
): Generator<void, void, void> {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxMessage = options.maxMessage ?? 16 * 1024;
  const lineOf = (r: EventRow) =>
    JSON.stringify(
      r.message.length > maxMessage ? { ...r, message: `${r.message.slice(0, maxMessage)}…` } : r,
    );
  const header = JSON.stringify(HEADER);
  let chunk = [header];
  let chunkChars = header.length + 1;
  let bytes = chunkChars;
  const begin = () => {
    out.length = 0;
    chunk = [header];
    chunkChars = bytes = header.length + 1;
  };
  /** add puts a line in the chunk; true when the chunk is full and went out. */
  const add = (line: string): boolean => {
    bytes += line.length + 1;
    chunk.push(line);
    chunkChars += line.length + 1;
    if (chunkChars < HISTORY_CHUNK_CHARS) return false;
    out.push(chunk.join('\n') + '\n');
    chunk = [];
    chunkChars = 0;
    return true;
  };
  out.length = 0;
  let fits = true;
  for (const r of rows) {
    const line = lineOf(r);
    if (bytes + line.length + 1 > maxBytes) {
      fits = false;
      break;
    }
    add(line);
    yield;
  }
  if (!fits) {
    // Over the bound: live rows first, then newest first (a numeric key per row, one sort of
    // their indexes), and a row that does not fit is left out.
    begin();
    const key = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) key[i] = (rows[i]!.expired ? 0 : 1e15) + rows[i]!.lastSeen;
    const order = new Uint32Array(rows.length).map((_, i) => i).sort((a, b) => key[b]! - key[a]!);
    yield;
    for (const i of order) {
      const line = lineOf(rows[i]!);
      if (bytes + line.length + 1 <= maxBytes) add(line);
      yield;
    }
  }
  if (chunk.length) out.push(chunk.join('\n') + '\n');
}

/** serializeHistory writes rows as the history file (see serializeSteps), in one go. */
export function serializeHistory(rows: readonly EventRow[], options: SerializeOptions = {}): string {
  const out: string[] = [];
  for (const _ of serializeSteps(rows, options, out));
  return out.join('');
}

/**
 * serializeHistoryChunks writes the same file as serializeHistory, as chunks of about
 * HISTORY_CHUNK_CHARS to be written in order, and cooperatively: after each step it calls
 * `pause()` and awaits what it returns (a WorkSlicer's `spend`), so 50,000 rows (~24 MB, half a
 * second of JSON.stringify) never hold the event loop for more than one of its slices.
 */
export async function serializeHistoryChunks(
  rows: readonly EventRow[],
  options: SerializeOptions,
  pause: () => Promise<void> | undefined,
): Promise<string[]> {
  const out: string[] = [];
  for (const _ of serializeSteps(rows, options, out)) {
    const wait = pause();
    if (wait) await wait;
  }
  return out;
}

/**
 * parseHistory reads a history file; it never throws: an unknown header yields no rows, a line
 * that is not valid JSON or not a valid EventRow is skipped, and a duplicate id keeps the first.
 */
export function parseHistory(text: string): EventRow[] {
  const lines = text.split('\n');
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return [];
  }
  const h = header as Partial<typeof HEADER> | null;
  if (!h || h.format !== HEADER.format || h.version !== HEADER.version) return [];
  const seen = new Set<string>();
  const rows: EventRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isEventRow(v) || seen.has(v.id)) continue;
    seen.add(v.id);
    rows.push(v);
  }
  return rows;
}
