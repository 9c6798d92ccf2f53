/**
 * Fuzz (issue 11): the watch decoder (LineSplitter + decodeWatchEvent, with the oversize cut and
 * the Event validator behind it, as a watch body goes through them) and the list scanner, on
 * seeded random bytes, random JSON shapes and mutated valid input, fed in random chunks. No
 * throw escapes but the documented ones (SizeLimitError, MalformedWatchEventError,
 * ListStructureError), and the work per case is bounded by a count, not a clock: every byte is
 * scanned at most once and no line is longer than its cap. Inputs are small, so 100,000 watch
 * cases and 30,000 list cases take a few seconds (FUZZ_CASES scales both).
 */
import * as assert from 'node:assert/strict';
import { metaNamespaceKey } from '../../../src/core/cache/store';
import { stripForCache } from '../../../src/core/cache/transform';
import type { KubeObject } from '../../../src/core/cache/types';
import { validateEvent } from '../../../src/core/validate/event';
import { JsonListScanner, ListStructureError } from '../../../src/kube/jsonListStream';
import { SizeLimitError } from '../../../src/kube/limits';
import { LineSplitter } from '../../../src/kube/lineSplitter';
import { truncateObject, TRUNCATED_ANNOTATION } from '../../../src/kube/oversize';
import { decodeWatchEvent, MalformedWatchEventError } from '../../../src/kube/watchDecoder';
import { mulberry32 } from '../fakes/random';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const MAX_LINE = 512;
const LIMITS = { maxObjectBytes: 256 };

const TYPES = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR', 'added', '', 'Status'];
const KEYS = ['metadata', 'name', 'namespace', 'uid', 'resourceVersion', 'reason', 'message', 'type'];
const KEYS2 = ['count', 'involvedObject', 'kind', 'apiVersion', 'annotations', 'labels', 'code'];
const FIELDS = [...KEYS, ...KEYS2, 'details', 'retryAfterSeconds', '__proto__', 'constructor'];
const SCALARS: unknown[] = [null, true, 0, -1, 1e308, 2 ** 53, 0.5, '', '5', 'NaN', '\u202e', '😀'];
/** Bytes that matter to the scanners: newline, quotes, escapes, brackets, broken UTF-8. */
const HOT_BYTES = [0x0a, 0x0d, 0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x20, 0xe2, 0x80, 0xff, 0xf0];

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.35) return rnd() < 0.5 ? pick(rnd, SCALARS) : 'x'.repeat(Math.floor(rnd() * 40));
  if (r < 0.45) return Array.from({ length: Math.floor(rnd() * 3) }, () => randomValue(rnd, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rnd() * 5); i > 0; i--) o[pick(rnd, FIELDS)] = randomValue(rnd, depth + 1);
  return o;
}

/** eventLine is one watch line, mostly well-formed, sometimes with a message past the object cap. */
function eventLine(rnd: () => number): string {
  const object =
    rnd() < 0.6
      ? {
          metadata: { name: pick(rnd, ['a', 'b', 5, null]), namespace: 'n', resourceVersion: '7' },
          reason: 'R',
          message: rnd() < 0.1 ? 'm'.repeat(200 + Math.floor(rnd() * 400)) : 'm',
          ...(randomValue(rnd, 2) as object),
        }
      : randomValue(rnd, 0);
  return JSON.stringify({ type: pick(rnd, TYPES), object }) ?? 'null';
}

function randomBytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rnd() < 0.4 ? pick(rnd, HOT_BYTES) : Math.floor(rnd() * 256);
  return b;
}

/** mutate flips, inserts or cuts a few bytes of `b`. */
function mutate(rnd: () => number, b: Buffer): Buffer {
  const out = Buffer.from(b);
  const r = rnd();
  if (r < 0.3) return out.subarray(0, Math.floor(rnd() * out.length));
  const k = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < k && out.length > 0; i++) out[Math.floor(rnd() * out.length)] = pick(rnd, HOT_BYTES);
  if (r < 0.6) return out;
  const at = Math.floor(rnd() * (out.length + 1));
  return Buffer.concat([out.subarray(0, at), randomBytes(rnd, 1 + Math.floor(rnd() * 4)), out.subarray(at)]);
}

/** randomWatchBody is a small watch body: random bytes, event lines, or mutated event lines. */
function randomWatchBody(rnd: () => number): Buffer {
  const r = rnd();
  if (r < 0.25) return randomBytes(rnd, Math.floor(rnd() * 64));
  const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => eventLine(rnd));
  const body = Buffer.from(lines.join('\n') + (rnd() < 0.8 ? '\n' : ''), 'utf8');
  return r < 0.6 ? body : mutate(rnd, body);
}

/** chunks cuts `b` at up to 3 random points (possibly inside a UTF-8 character). */
function chunks(rnd: () => number, b: Buffer): Buffer[] {
  const cuts = Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * (b.length + 1)));
  cuts.sort((x, y) => x - y);
  const out: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    out.push(b.subarray(at, c));
    at = c;
  }
  out.push(b.subarray(at));
  return out;
}

/** arrive is httpListerWatcher's: the oversize cut, then the transform (kept as parsed if it throws). */
function arrive(raw: unknown, bytes: number): KubeObject {
  const obj = (
    bytes > LIMITS.maxObjectBytes ? truncateObject(raw, bytes, LIMITS.maxObjectBytes) : raw
  ) as KubeObject;
  try {
    return stripForCache(obj);
  } catch {
    return obj;
  }
}

const describeCase = (i: number, input: Buffer) => `case ${i}: ${JSON.stringify(input.toString('latin1'))}`;

describe('fuzz: watch and list decoders on random input', function () {
  // A few seconds on an idle core; the timeout leaves room for a shared machine.
  this.timeout(300_000);

  it(`${CASES.toLocaleString('en-US')} seeded watch bodies: only documented errors, linear work, bounded lines`, () => {
    const rnd = mulberry32(0x3a7c_11);
    const outcomes = { events: 0, malformed: 0, tooLong: 0, truncated: 0 };
    for (let i = 0; i < CASES; i++) {
      const input = randomWatchBody(rnd);
      const splitter = new LineSplitter(MAX_LINE);
      let lineBytes = 0;
      const decode = (line: Buffer) => {
        assert.ok(line.length <= MAX_LINE, `a line of ${line.length} bytes passed the cap`);
        lineBytes += line.length;
        const event = decodeWatchEvent(line, LIMITS, arrive);
        if (!event) return;
        outcomes.events++;
        if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
          if (event.object.metadata?.annotations?.[TRUNCATED_ANNOTATION]) outcomes.truncated++;
          // What the Events informer's transform does next: validate, then key.
          const { object } = validateEvent(event.object);
          assert.equal(typeof metaNamespaceKey(object as KubeObject), 'string');
        } else if (event.type === 'ERROR') {
          assert.equal(typeof event.object, 'object');
        }
      };
      try {
        for (const chunk of chunks(rnd, input)) for (const line of splitter.push(chunk)) decode(line);
        decode(splitter.end());
      } catch (err) {
        if (err instanceof MalformedWatchEventError) outcomes.malformed++;
        else if (err instanceof SizeLimitError) outcomes.tooLong++;
        else assert.fail(`${describeCase(i, input)}\nescaped: ${(err as Error)?.stack ?? String(err)}`);
      }
      // Bounded work per case: each byte searched for a newline at most once, no line read twice.
      assert.ok(splitter.scannedBytes <= input.length, describeCase(i, input));
      assert.ok(lineBytes <= input.length, describeCase(i, input));
    }
    // The generator reaches every path (else the fuzz proves little).
    for (const [k, v] of Object.entries(outcomes)) assert.ok(v > CASES / 1000, `${k}: ${v}`);
  });

  it(`${Math.ceil(CASES * 0.3).toLocaleString('en-US')} seeded list bodies: only documented errors, bounded items`, () => {
    const rnd = mulberry32(0x11_57);
    const n = Math.ceil(CASES * 0.3);
    const outcomes = { complete: 0, items: 0, structure: 0, tooLong: 0 };
    for (let i = 0; i < n; i++) {
      const items = Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, 1));
      const valid = Buffer.from(
        JSON.stringify({ kind: 'EventList', metadata: { resourceVersion: '1' }, items }),
        'utf8',
      );
      const r = rnd();
      const input = r < 0.2 ? randomBytes(rnd, Math.floor(rnd() * 64)) : r < 0.5 ? valid : mutate(rnd, valid);
      let itemBytes = 0;
      const scanner = new JsonListScanner({
        maxItemBytes: 96,
        onItem: (bytes) => {
          assert.ok(bytes.length <= 96, `an item of ${bytes.length} bytes passed the cap`);
          itemBytes += bytes.length;
          outcomes.items++;
        },
      });
      try {
        for (const chunk of chunks(rnd, input)) scanner.push(chunk);
        scanner.end();
        outcomes.complete++;
      } catch (err) {
        if (err instanceof ListStructureError) outcomes.structure++;
        else if (err instanceof SizeLimitError) outcomes.tooLong++;
        else assert.fail(`${describeCase(i, input)}\nescaped: ${(err as Error)?.stack ?? String(err)}`);
      }
      assert.ok(itemBytes <= input.length, describeCase(i, input));
    }
    for (const [k, v] of Object.entries(outcomes)) assert.ok(v > n / 1000, `${k}: ${v}`);
  });
});
