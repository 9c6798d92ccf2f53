// What "Copy" puts on the clipboard: an event (or a group's rows) as text, JSON or YAML.
import type { CopyFormat, EventRow } from '../../protocol/events';
import { CSV_COLUMNS, type ExportRecord, toExportRecord } from './export';
import { objectLabel } from './row';

/** MAX_COPY_ROWS bounds one copy (a group can hold the whole history). */
export const MAX_COPY_ROWS = 10_000;

/** CopyResult is the clipboard text and how many rows it holds of those asked for. */
export interface CopyResult {
  text: string;
  copied: number;
  total: number;
}

/**
 * copyRows renders rows for the clipboard, at most MAX_COPY_ROWS of them (the first ones, in the
 * order given). Each row goes through toExportRecord, so credentials are redacted as in an
 * export. One row gives one object (JSON object, YAML mapping, text block); more give a list.
 */
export function copyRows(format: CopyFormat, rows: readonly EventRow[]): CopyResult {
  const records = rows.slice(0, MAX_COPY_ROWS).map(toExportRecord);
  const single = rows.length === 1;
  let text: string;
  if (format === 'json') text = JSON.stringify(single ? records[0] : records, null, 2) + '\n';
  else if (format === 'yaml') text = toYaml(records, single);
  else text = records.map(recordText).join('\n');
  return { text, copied: records.length, total: rows.length };
}

/**
 * recordText is one event as a few readable lines, like a row of `kubectl get events` followed by
 * its message: `Warning BackOff Pod/web-1 (namespace default, context prod)`.
 */
export function recordText(r: ExportRecord): string {
  const where = [r.namespace ? `namespace ${r.namespace}` : '', r.context ? `context ${r.context}` : '']
    .filter(Boolean)
    .join(', ');
  const from = r.source ? `from ${r.source}${r.host ? ` on ${r.host}` : ''}` : '';
  const meta = [
    `count ${r.count}`,
    r.firstSeen ? `first seen ${r.firstSeen}` : '',
    r.lastSeen ? `last seen ${r.lastSeen}` : '',
    from,
    r.expired ? 'expired' : '',
    `event ${r.event}`,
  ].filter(Boolean);
  const head = `${r.type || 'Normal'} ${r.reason} ${objectLabel(r)}${where ? ` (${where})` : ''}`;
  const message = r.message
    .split(/\r\n|\r|\n/)
    .map((l) => `  ${l}`)
    .join('\n');
  return `${head}\n${message}\n  ${meta.join(', ')}\n`;
}

/** YAML_KEYS are an ExportRecord's fields in the order the export writes them. */
const YAML_KEYS = CSV_COLUMNS;

/**
 * yamlScalar renders a value as a YAML scalar that reads back as the same value: strings are
 * always double-quoted (so `yes`, `1e3` or `null` stay strings), with every character outside
 * printable ASCII and Unicode's printable range escaped; a lone surrogate becomes U+FFFD.
 */
export function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  const clean = v.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  const json = JSON.stringify(clean);
  // JSON leaves C1 controls, DEL, line/paragraph separators, BOM and non-characters as they are;
  // YAML requires them escaped inside a double-quoted scalar.
  return json.replace(
    /[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function toYaml(records: readonly ExportRecord[], single: boolean): string {
  const mapping = (r: ExportRecord, first: string, rest: string) =>
    YAML_KEYS.map((k, i) => `${i === 0 ? first : rest}${k}: ${yamlScalar(r[k])}`).join('\n');
  if (single && records[0]) return mapping(records[0], '', '') + '\n';
  if (records.length === 0) return '[]\n';
  return records.map((r) => mapping(r, '- ', '  ')).join('\n') + '\n';
}
