import * as assert from 'node:assert/strict';
import {
  cut,
  hasUnsafeText,
  notificationText,
  sanitizeFor,
  TEXT_LIMITS,
  visibleText,
} from '../../../src/core/text/sanitize';

// Every character class the sanitizer must neutralise, with how each is shown.
const CLASSES: [string, string[], (c: string) => string][] = [
  [
    'bidi',
    [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
    ],
    hex,
  ],
  ['zero-width', ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'], hex],
  ['C1', ['\u0080', '\u0085', '\u009b', '\u009f'], hex],
  ['line separators', ['\u2028', '\u2029'], hex],
  ['C0', ['\u0000', '\u0007', '\u001b', '\u001f'], (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))],
  ['DEL', ['\u007f'], () => '\u2421'],
];

function hex(c: string): string {
  return `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

describe('text/sanitize', () => {
  for (const [name, chars, shown] of CLASSES) {
    it(`makes ${name} characters visible in every place`, () => {
      for (const c of chars) {
        for (const place of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) {
          const out = sanitizeFor(`a${c}b`, place);
          assert.equal(out, `a${shown(c)}b`, `${place} ${hex(c)}`);
        }
        assert.equal(visibleText(`a${c}b`, true), `a${shown(c)}b`);
        assert.ok(hasUnsafeText(`a${c}b`));
        assert.ok(notificationText(`a${c}b`).includes(shown(c)));
      }
    });
  }

  it('keeps tab and newline in a multi-line place, turns them (and CR) into spaces on one line', () => {
    assert.equal(sanitizeFor('a\tb\nc\rd', { max: 100, multiline: true }), 'a\tb\nc\u240dd');
    assert.equal(sanitizeFor('a\tb\nc\r\nd', 'rowCell'), 'a b c  d');
    assert.equal(hasUnsafeText('a\tb\nc'), false);
  });

  it('replaces lone surrogates, keeps pairs, shows HTML as text (it is never parsed)', () => {
    assert.equal(sanitizeFor('a\ud800b\udc00c😀', 'chip'), 'a\ufffdb\ufffdc😀');
    assert.equal(sanitizeFor('<script>x</script>', 'chip'), '<script>x</script>');
  });

  it('caps each place at its limit, never splitting a pair, and bounds the work on huge input', () => {
    for (const [place, max] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      const out = sanitizeFor('\u202e'.repeat(max * 3), place);
      assert.ok(out.length <= max, `${place}: ${out.length} > ${max}`);
      assert.ok(out.endsWith('…'));
      assert.equal(sanitizeFor('x'.repeat(max), place), 'x'.repeat(max), `${place}: exactly max is not cut`);
    }
    assert.equal(cut('😀😀😀', 4), '😀…');
    assert.equal(cut('abc', 0), '');
    const mb = 'r'.repeat(100 * 1024 * 1024);
    assert.equal(sanitizeFor(mb, 'describeReason').length, TEXT_LIMITS.describeReason);
  });

  it('shows numbers and booleans, and turns anything else into ""', () => {
    assert.equal(sanitizeFor(42, 'chip'), '42');
    assert.equal(sanitizeFor(true, 'chip'), 'true');
    for (const v of [null, undefined, {}, [], Symbol('s'), () => 1]) assert.equal(sanitizeFor(v, 'chip'), '');
  });

  it('notificationText collapses whitespace and breaks markdown links', () => {
    const out = notificationText('see  [here](command:workbench.action.terminal.new)\n\nnow');
    assert.equal(out, 'see [here] (command:workbench.action.terminal.new) now');
    assert.equal(notificationText('x'.repeat(1000)).length, TEXT_LIMITS.notification);
  });
});
