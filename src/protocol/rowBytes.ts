// rowBytes: an upper estimate of a row's size in a posted message, for byte budgets.

import type { EventRow } from './events';

/** ROW_OVERHEAD_BYTES covers a row's field names, numbers and punctuation in JSON. */
export const ROW_OVERHEAD_BYTES = 400;

/**
 * rowBytes estimates the bytes `row` adds to a message: its strings at up to 3 bytes per UTF-16
 * unit (the UTF-8 worst case; escapes of control characters can be longer, but the host's
 * sanitizer has made those visible already) plus a fixed overhead. Cheap: lengths only.
 */
export function rowBytes(row: EventRow): number {
  const chars =
    row.id.length +
    row.context.length +
    row.key.length +
    row.type.length +
    row.reason.length +
    row.message.length +
    row.source.length +
    row.host.length +
    row.kind.length +
    row.namespace.length +
    row.name.length +
    row.uid.length +
    row.apiVersion.length +
    row.fieldPath.length +
    row.ownerKind.length +
    row.ownerName.length +
    row.ownerUid.length;
  return ROW_OVERHEAD_BYTES + 3 * chars;
}
