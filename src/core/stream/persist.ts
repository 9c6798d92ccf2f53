import { type EventRow, isEventRow } from '../../protocol/events';

/** The first line of a history file. */
const HEADER = { format: 'kube-events-history', version: 1 } as const;

export interface SerializeOptions {
  /** Stop adding rows past this many bytes of output (UTF-16 units, close enough). */
  maxBytes?: number;
  /** Messages longer than this are cut (the full text stays in memory until the reload). */
  maxMessage?: number;
}

/**
 * serializeHistory writes rows as NDJSON (a header line, then one row per line), live rows first,
 * then newest first, until `maxBytes` (default 32 MiB), so the file stays bounded however
 * large the messages are.
 */
export function serializeHistory(rows: readonly EventRow[], options: SerializeOptions = {}): string {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxMessage = options.maxMessage ?? 16 * 1024;
  const ordered = [...rows].sort((a, b) => a.expired - b.expired || b.lastSeen - a.lastSeen);
  const lines = [JSON.stringify(HEADER)];
  let bytes = lines[0]!.length + 1;
  for (const r of ordered) {
    const row = r.message.length > maxMessage ? { ...r, message: `${r.message.slice(0, maxMessage)}…` } : r;
    const line = JSON.stringify(row);
    if (bytes + line.length + 1 > maxBytes) continue;
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines.join('\n') + '\n';
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
