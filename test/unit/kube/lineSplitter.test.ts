import * as assert from 'node:assert/strict';
import { SizeLimitError } from '../../../src/kube/limits';
import { LineSplitter } from '../../../src/kube/lineSplitter';

const MiB = 1024 * 1024;

describe('LineSplitter', () => {
  it('rejects a 50 MB line without a newline once it passes the cap, scanning each byte once', () => {
    const splitter = new LineSplitter(16 * MiB);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let fed = 0;
    assert.throws(() => {
      while (fed < 50 * MiB) {
        fed += chunk.length;
        splitter.push(chunk);
      }
    }, SizeLimitError);
    // Stopped at the cap, not at 50 MB, and the work is linear: every byte was searched once.
    assert.ok(fed <= 16 * MiB + chunk.length, `fed ${fed}`);
    assert.equal(splitter.scannedBytes, fed);
    assert.equal(splitter.end().length, 0, 'nothing is held after the rejection');
  });

  it('rejects a completed line over the cap too', () => {
    const splitter = new LineSplitter(10);
    splitter.push(Buffer.from('0123456'));
    assert.throws(() => splitter.push(Buffer.from('789ab\n')), /exceeds the limit/);
  });

  it('accepts a line of exactly the cap', () => {
    const splitter = new LineSplitter(10);
    splitter.push(Buffer.from('01234'));
    assert.deepEqual(
      splitter.push(Buffer.from('56789\nx')).map((b) => b.toString()),
      ['0123456789'],
    );
    assert.equal(splitter.end().toString(), 'x');
  });

  it('joins a line split over many chunks, scanning each byte once', () => {
    const line = JSON.stringify({ type: 'ADDED', object: { pad: 'x'.repeat(100_000) } });
    const bytes = Buffer.from(`${line}\n${line}\n`);
    const splitter = new LineSplitter(MiB);
    const got: string[] = [];
    for (let i = 0; i < bytes.length; i += 100) {
      for (const l of splitter.push(bytes.subarray(i, i + 100))) got.push(l.toString('utf8'));
    }
    assert.deepEqual(got, [line, line]);
    assert.equal(splitter.scannedBytes, bytes.length);
  });

  it('keeps multi-byte UTF-8 characters split across chunks whole', () => {
    const text = 'héllo ✓ 多字节 😀\n';
    const bytes = Buffer.from(text);
    for (let size = 1; size <= 5; size++) {
      const splitter = new LineSplitter(1024);
      const got: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...splitter.push(bytes.subarray(i, i + size)));
      assert.deepEqual(
        got.map((b) => b.toString('utf8')),
        [text.slice(0, -1)],
        `chunks of ${size}`,
      );
    }
  });

  it('returns several lines of one chunk, blank ones included', () => {
    const splitter = new LineSplitter(100);
    assert.deepEqual(
      splitter.push(Buffer.from('a\n\nb\nc')).map((b) => b.toString()),
      ['a', '', 'b'],
    );
    assert.equal(splitter.end().toString(), 'c');
  });
});
