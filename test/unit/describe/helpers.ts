/**
 * helpers: fixed clock and context builders for the describe unit tests.
 */
import type { KubeObject } from '../../../src/core/cache/types';
import { describeObject, type DescribeContext } from '../../../src/core/describe/describe';

/** NOW is the fixed "current time" of every describe unit test: 2026-01-15T12:00:00Z. */
export const NOW = Date.parse('2026-01-15T12:00:00Z');

/** at returns the RFC 3339 timestamp `ms` before NOW. */
export function ago(ms: number): string {
  return new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** render describes `obj` at NOW in UTC with the given events and lookups. */
export function render(kind: string, obj: KubeObject, extra: Partial<DescribeContext> = {}): string {
  return describeObject(kind, obj, { now: NOW, events: [], utcOffsetMinutes: () => 0, ...extra });
}

/** section returns the lines of the top-level section `key` (the `Key:` line and its continuation). */
export function section(text: string, key: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length && lines[end] !== '' && !/^[A-Za-z][^:]*:/.test(lines[end]!)) end++;
  return lines.slice(start, end).join('\n');
}

/** coreEvent builds a minimal core/v1 Event about `involved`. */
export function coreEvent(
  name: string,
  involved: { kind: string; name: string; namespace?: string; uid?: string },
  o: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: involved.namespace ?? 'default' },
    involvedObject: involved,
    type: 'Normal',
    reason: 'Reason',
    message: 'message',
    source: { component: 'kubelet' },
    ...o,
  };
}
