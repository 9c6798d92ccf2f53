import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_LENGTH, sanitizeText, truncate } from '../../../src/core/notify/sanitize';

describe('notify/sanitizeText', () => {
  it('turns control characters (newlines, escapes, C1) into single spaces', () => {
    assert.equal(sanitizeText('a\nb\r\n\tc\u0000d\u001b[31me\u0085f\u007f'), 'a b c d [31me f');
  });

  it('removes bidi embeddings, overrides, isolates and marks', () => {
    const all = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    assert.equal(sanitizeText(`ab${all}cd`), 'abcd');
    assert.equal(sanitizeText('evil\u202Etxt.exe'), 'eviltxt.exe');
  });

  it('breaks markdown-style links so no command link can be smuggled in', () => {
    const out = sanitizeText('see [here](command:workbench.action.terminal.new) or [x] (y)');
    assert.doesNotMatch(out, /\]\(/);
    assert.equal(out, 'see [here] (command:workbench.action.terminal.new) or [x] (y)');
  });

  it('truncates to the maximum with an ellipsis, in code points, never splitting a pair', () => {
    const long = 'x'.repeat(1000);
    const out = sanitizeText(long);
    assert.equal(out.length, MAX_MESSAGE_LENGTH);
    assert.ok(out.endsWith('…'));
    const emoji = '😀'.repeat(400);
    const cut = sanitizeText(emoji);
    assert.equal(Array.from(cut).length, MAX_MESSAGE_LENGTH);
    assert.equal(cut.slice(0, -1), '😀'.repeat(MAX_MESSAGE_LENGTH - 1));
    assert.equal(truncate('short', 10), 'short');
    assert.equal(truncate('abcdef', 4), 'abc…');
  });

  it('replaces lone surrogates and tolerates non-strings', () => {
    assert.equal(sanitizeText('a\ud800b'), 'a\ufffdb');
    assert.equal(sanitizeText(undefined), '');
    assert.equal(sanitizeText(42), '');
  });
});
