// Reading an exported JSON file (see export.ts) back as rows, for a read-only replay. The file is
// untrusted: it may be anything, from anyone, edited by hand.
import type { EventRow } from '../../protocol/events';
import { FIELD_LIMITS } from '../validate/fields';

/** REPLAY_LIMITS bound a replayed file: its size in bytes and the events kept from it. */
export const REPLAY_LIMITS = { maxBytes: 32 * 1024 * 1024, maxEvents: 100_000 } as const;

/**
 * ParsedExport is what a file gave: the valid rows (at most maxEvents), how many records it held,
 * how many were invalid (skipped) and how many valid ones were left out over the cap (dropped).
 */
export interface ParsedExport {
  rows: EventRow[];
  total: number;
  skipped: number;
  dropped: number;
}

/** ReplayError is a file that cannot be replayed at all; its message says why, for the user. */
export class ReplayError extends Error {}

const SHORT_FIELDS = [
  'type',
  'context',
  'namespace',
  'kind',
  'name',
  'uid',
  'reason',
  'source',
  'host',
  'event',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function time(v: unknown): number | undefined {
  if (v === null) return 0;
  if (typeof v !== 'string' || !ISO.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) && t > 0 ? t : undefined;
}

/**
 * recordToRow validates one exported record (every ExportRecord field present with its type;
 * strings within FIELD_LIMITS; times ISO 8601 or null; a count that is a non-negative integer)
 * and maps it to a row with id `replay:<index>`. Unknown fields are ignored. Undefined when
 * anything is wrong.
 */
export function recordToRow(v: unknown, index: number): EventRow | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  for (const f of SHORT_FIELDS) {
    const s = r[f];
    if (typeof s !== 'string' || s.length > FIELD_LIMITS.short) return undefined;
  }
  if (typeof r.message !== 'string' || r.message.length > FIELD_LIMITS.message) return undefined;
  const count = r.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return undefined;
  if (typeof r.expired !== 'boolean') return undefined;
  const lastSeen = time(r.lastSeen);
  const firstSeen = time(r.firstSeen);
  if (lastSeen === undefined || firstSeen === undefined) return undefined;
  const s = (f: string) => r[f] as string;
  return {
    id: `replay:${index}`,
    context: s('context'),
    key: s('event'),
    type: s('type'),
    reason: s('reason'),
    message: r.message,
    count,
    lastSeen,
    firstSeen,
    source: s('source'),
    host: s('host'),
    kind: s('kind'),
    namespace: s('namespace'),
    name: s('name'),
    uid: s('uid'),
    apiVersion: '',
    fieldPath: '',
    ownerKind: '',
    ownerName: '',
    ownerUid: '',
    expired: r.expired ? 1 : 0,
    expiredAt: 0,
  };
}

/**
 * parseExport reads an export's text: it must be at most `maxBytes` UTF-16 units of JSON holding
 * an array (the export command's output); each record is validated alone (recordToRow), a bad
 * one skipped and counted, and at most `maxEvents` rows are kept. Throws ReplayError when the
 * file is too large, not JSON, or not an array.
 */
export function parseExport(
  text: string,
  limits: { maxBytes: number; maxEvents: number } = REPLAY_LIMITS,
): ParsedExport {
  if (text.length > limits.maxBytes)
    throw new ReplayError(`The file is larger than ${Math.round(limits.maxBytes / 1048576)} MiB.`);
  let v: unknown;
  try {
    v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new ReplayError('The file is not JSON.');
  }
  if (!Array.isArray(v))
    throw new ReplayError('The file is not a Kube Events export (a JSON array of events).');
  const rows: EventRow[] = [];
  let skipped = 0;
  let dropped = 0;
  for (let i = 0; i < v.length; i++) {
    const row = recordToRow(v[i], i);
    if (!row) skipped++;
    else if (rows.length >= limits.maxEvents) dropped++;
    else rows.push(row);
  }
  return { rows, total: v.length, skipped, dropped };
}

/**
 * captureTimeFromName reads the time an export was written from its default file name
 * (`kube-events-2026-12-02T06-30-00.json`, UTC), or undefined when the name has none.
 */
export function captureTimeFromName(name: string): number | undefined {
  const m = /kube-events-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isFinite(t) && new Date(t).getUTCDate() === d ? t : undefined;
}
