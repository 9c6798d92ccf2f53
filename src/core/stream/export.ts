import type { EventRow } from '../../protocol/events';

/** ExportRecord is one exported event; times are ISO 8601, or null when the event had none. */
export interface ExportRecord {
  lastSeen: string | null;
  firstSeen: string | null;
  type: string;
  context: string;
  namespace: string;
  kind: string;
  name: string;
  uid: string;
  reason: string;
  message: string;
  count: number;
  source: string;
  host: string;
  event: string;
  expired: boolean;
}

/** CSV_COLUMNS are the CSV header, in order (the ExportRecord fields). */
export const CSV_COLUMNS: readonly (keyof ExportRecord)[] = [
  'lastSeen',
  'firstSeen',
  'type',
  'context',
  'namespace',
  'kind',
  'name',
  'uid',
  'reason',
  'message',
  'count',
  'source',
  'host',
  'event',
  'expired',
];

function iso(t: number): string | null {
  return t > 0 ? new Date(t).toISOString() : null;
}

/** toExportRecord maps a row to its exported shape. */
export function toExportRecord(r: EventRow): ExportRecord {
  return {
    lastSeen: iso(r.lastSeen),
    firstSeen: iso(r.firstSeen),
    type: r.type,
    context: r.context,
    namespace: r.namespace,
    kind: r.kind,
    name: r.name,
    uid: r.uid,
    reason: r.reason,
    message: r.message,
    count: r.count,
    source: r.source,
    host: r.host,
    event: r.key,
    expired: r.expired === 1,
  };
}

/**
 * csvCell escapes one value per RFC 4180 and defuses spreadsheet formulas: a text cell that
 * starts with = + - @ (or a tab / carriage return) gets a leading apostrophe, so Excel, Sheets
 * and LibreOffice show it as text instead of evaluating it.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** toCsv renders rows as CSV with a header line and CRLF line ends. */
export function toCsv(rows: readonly EventRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const rec = toExportRecord(r);
    lines.push(CSV_COLUMNS.map((c) => csvCell(rec[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** toJson renders rows as a pretty-printed JSON array of ExportRecords. */
export function toJson(rows: readonly EventRow[]): string {
  return JSON.stringify(rows.map(toExportRecord), null, 2) + '\n';
}
