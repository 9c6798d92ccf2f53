import type { EventRow } from '../../protocol/events';
import { redactSecrets } from '../text/redact';

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

/**
 * toExportRecord maps a row to its exported shape, free text (message, reason, source, host)
 * redacted as every other place cluster text leaves the extension (see redactSecrets): an event
 * that echoes a token or a `user:password@` URL is never exported or copied with it. Exports,
 * copies and replays all go through here.
 */
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
    reason: redactSecrets(r.reason),
    message: redactSecrets(r.message),
    count: r.count,
    source: redactSecrets(r.source),
    host: redactSecrets(r.host),
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
