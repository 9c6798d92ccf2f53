import * as assert from 'node:assert/strict';
import type { KubeObject } from '../../../src/core/cache/types';
import { createEventCompactor } from '../../../src/core/events/compact';
import { eventId } from '../../../src/core/events/hub';
import { normalizeEvent } from '../../../src/core/events/model';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { toRow } from '../../../src/core/stream/row';
import { sanitizeFor, TEXT_LIMITS } from '../../../src/core/text/sanitize';
import { FIELD_LIMITS } from '../../../src/core/validate/fields';
import { validateEvent } from '../../../src/core/validate/event';
import { isEventRow } from '../../../src/protocol/events';
import { mulberry32 } from '../fakes/random';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const FIELDS = [
  'metadata',
  'name',
  'namespace',
  'uid',
  'reason',
  'message',
  'note',
  'type',
  'count',
  'series',
  'involvedObject',
  'regarding',
  'related',
  'source',
  'kind',
  'apiVersion',
  'lastTimestamp',
  'eventTime',
  'deprecatedCount',
  'labels',
  'ownerReferences',
  'component',
  'host',
  'lastObservedTime',
  '__proto__',
];
const LONG = 'x'.repeat(FIELD_LIMITS.message + 10);
const NASTY = [
  '\u202e',
  '\u200b',
  '\u0000',
  '\u0085',
  '\u2028',
  '\ud800',
  '<script>',
  '"',
  '\n',
  '😀',
  'eyJ',
];

/** randomValue builds a random JSON value, biased towards event-shaped objects. */
function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.3) return randomScalar(rnd);
  if (r < 0.4) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) o[FIELDS[Math.floor(rnd() * FIELDS.length)]!] = randomValue(rnd, depth + 1);
  return o;
}

function randomScalar(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.1) return null;
  if (r < 0.2) return rnd() < 0.5;
  if (r < 0.35) return [0, -1, 1e308, -0, 5, 2 ** 53, 0.5][Math.floor(rnd() * 7)];
  if (r < 0.4) return '2024-01-01T00:00:00Z';
  if (r < 0.402) return LONG;
  let s = '';
  const len = Math.floor(rnd() * 12);
  for (let i = 0; i < len; i++)
    s +=
      rnd() < 0.3
        ? NASTY[Math.floor(rnd() * NASTY.length)]
        : String.fromCharCode(32 + Math.floor(rnd() * 95));
  return s;
}

describe('validate/fuzz: validateEvent, the event transform and normalisation on random JSON', function () {
  // 100,000 cases take ~5 s of CPU on an idle core; the timeout leaves room for a shared machine.
  this.timeout(300_000);

  it(`${CASES.toLocaleString('en-US')} seeded random shapes: no throw, bounded output, store and hub keys agree`, () => {
    const rnd = mulberry32(0x5eed_11);
    const compact = createEventCompactor();
    const maxString = Math.max(FIELD_LIMITS.short, FIELD_LIMITS.message);
    for (let i = 0; i < CASES; i++) {
      const raw =
        rnd() < 0.8
          ? randomValue(rnd, 0)
          : { metadata: randomValue(rnd, 1), ...(randomValue(rnd, 1) as object) };
      try {
        const { object, problems } = validateEvent(raw);
        if (i % 10 === 0)
          assert.equal(validateEvent(object).problems.length, 0, `not idempotent: ${problems.join('; ')}`);
        const cached = compact(object as KubeObject);
        const e = normalizeEvent(cached);
        // The informer keys the transformed object with metaNamespaceKey; the hub with e.key.
        assert.equal(e.key, metaNamespaceKey(cached), 'store and hub keys differ');
        const row = toRow(
          { ...e, context: 'ctx', id: eventId('ctx', e.key) },
          () => randomValue(rnd, 2) as never,
        );
        assert.ok(isEventRow(row), 'row fails the webview guard');
        for (const [k, v] of Object.entries(row)) {
          if (typeof v === 'string')
            assert.ok(v.length <= maxString + 2 * FIELD_LIMITS.short + 8, `${k}: ${v.length}`);
        }
        for (const text of [row.reason, row.message, row.name]) {
          assert.ok(sanitizeFor(text, 'rowCell').length <= TEXT_LIMITS.rowCell);
          assert.doesNotMatch(
            sanitizeFor(text, 'chip'),
            // eslint-disable-next-line no-control-regex -- looking for control characters is the point
            /[\u202a-\u202e\u200b\u0000\u0085\u2028]|[\ud800-\udbff](?![\udc00-\udfff])/,
          );
        }
      } catch (err) {
        assert.fail(
          `case ${i}: ${JSON.stringify(raw)?.slice(0, 300)}\n${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  });
});
