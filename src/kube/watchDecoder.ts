/**
 * watchDecoder: one watch line (bytes, without its newline) to one WatchEvent. A blank line is
 * nothing; anything but `{type, object}` with a known type and an object is a
 * MalformedWatchEventError. An ERROR's Status gets a validated Retry-After (and is cut down when
 * the line is over maxObjectBytes); other objects go through `arrive` (oversize cut, transform).
 * Never throws anything but MalformedWatchEventError (fuzzed: test/unit/fuzz).
 */
import type { KubeObject, WatchEvent } from '../core/cache/types';
import type { ReadLimits } from './limits';
import { truncateStatus } from './oversize';
import { sanitizeStatus } from './responses';

const WATCH_EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** MalformedWatchEventError is a watch line that is not a watch event; it ends the watch. */
export class MalformedWatchEventError extends Error {
  constructor(message: string) {
    super(`malformed watch event: ${message}`);
    this.name = 'MalformedWatchEventError';
  }
}

/**
 * decodeWatchEvent decodes one watch line; a blank line is undefined. `arrive` completes an
 * ADDED/MODIFIED/DELETED object from its parsed value and its size in bytes on the wire; it
 * must not throw.
 */
export function decodeWatchEvent<T extends KubeObject>(
  line: Buffer,
  limits: Pick<ReadLimits, 'maxObjectBytes'>,
  arrive: (raw: unknown, bytes: number) => T,
): WatchEvent<T> | undefined {
  const text = line.toString('utf8');
  if (text.trim() === '') return undefined;
  let event: { type?: unknown; object?: unknown };
  try {
    event = JSON.parse(text);
  } catch {
    throw new MalformedWatchEventError('not valid JSON');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.type !== 'string' ||
    !WATCH_EVENT_TYPES.has(event.type) ||
    typeof event.object !== 'object' ||
    event.object === null ||
    Array.isArray(event.object)
  ) {
    throw new MalformedWatchEventError('expected {type, object}');
  }
  if (event.type === 'ERROR') {
    const status = line.length > limits.maxObjectBytes ? truncateStatus(event.object) : event.object;
    return { type: 'ERROR', object: sanitizeStatus(status) as WatchEvent<T>['object'] & { kind: 'Status' } };
  }
  if (event.type === 'BOOKMARK') return event as WatchEvent<T>;
  const type = event.type as 'ADDED' | 'MODIFIED' | 'DELETED';
  return { type, object: arrive(event.object, line.length) };
}
