/**
 * lineSplitter: splits a byte stream into newline-terminated lines in linear time with a bound
 * on the line length. Chunks are kept as a list; only each new chunk is scanned for '\n', and a
 * line's pieces are joined once, at its newline. Lines are returned as bytes, so a multi-byte
 * UTF-8 character split across chunks is decoded whole by the caller.
 */
import { formatBytes, SizeLimitError } from './limits';

const NL = 0x0a;

export class LineSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  /** scannedBytes counts the bytes searched for newlines: never more than the bytes pushed. */
  scannedBytes = 0;

  constructor(private readonly maxLineBytes: number) {}

  /**
   * push adds a chunk and returns the lines it completes (without their '\n'). Throws
   * SizeLimitError when the unfinished line grows past maxLineBytes; the splitter then holds
   * nothing and must not be used again.
   */
  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      this.scannedBytes += (nl === -1 ? chunk.length : nl + 1) - start;
      if (nl === -1) break;
      const tail = chunk.subarray(start, nl);
      const length = this.pendingBytes + tail.length;
      if (length > this.maxLineBytes) this.fail(length);
      lines.push(this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail], length));
      this.pieces = [];
      this.pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes) this.fail(this.pendingBytes);
      this.pieces.push(rest);
    }
    return lines;
  }

  /** end returns what followed the last newline (empty when the stream ended on one). */
  end(): Buffer {
    const rest = Buffer.concat(this.pieces, this.pendingBytes);
    this.pieces = [];
    this.pendingBytes = 0;
    return rest;
  }

  private fail(length: number): never {
    this.pieces = [];
    this.pendingBytes = 0;
    throw new SizeLimitError(
      `a line of more than ${formatBytes(this.maxLineBytes)} (${length} bytes so far) exceeds the limit`,
    );
  }
}
