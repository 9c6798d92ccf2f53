/**
 * jsonListStream: an incremental scanner for a Kubernetes List body (`{"kind":…, "metadata":
 * {…}, "items": [ {…}, … ]}`). It hands each element of the top-level `items` array to `onItem`
 * as its own bytes, the moment its closing brace arrives, and keeps the top-level `metadata`;
 * every other member is skipped without being stored. So a body of any size (larger than V8's
 * maximum string length too) is parsed holding at most one item's bytes at a time.
 *
 * It tracks structure only (depth, strings, escapes) on raw bytes, which is safe in UTF-8: the
 * bytes `"`, `\`, `{`, `}`, `[`, `]` never occur inside a multi-byte character. Each item is
 * validated by JSON.parse in its consumer; the scanner rejects a body whose structure is not a
 * JSON object with an `items` array (or null), and any item or metadata over its byte cap.
 */
import { formatBytes, SizeLimitError } from './limits';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_KEY_BYTES = 4096;

/** ListStructureError is a body that is not a JSON List object. */
export class ListStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListStructureError';
  }
}

export interface JsonListScannerOptions {
  /** onItem receives each element of `items`, as bytes (valid only during the call). */
  onItem: (bytes: Buffer) => void;
  /** maxItemBytes: an element (or the metadata) longer than this throws SizeLimitError. */
  maxItemBytes: number;
}

type Phase = 'root' | 'key' | 'colon' | 'value' | 'items' | 'after' | 'done';

/** ValueScan follows one JSON value across chunks, optionally keeping its bytes. */
class ValueScan {
  depth = 0;
  inString = false;
  escape = false;
  literal = false;
  started = false;
  private pieces: Buffer[] = [];
  private length = 0;

  constructor(
    private readonly capture: boolean,
    private readonly maxBytes: number,
    private readonly what: string,
  ) {}

  /** feed scans buf from i; returns the index just after the value, or -1 if buf ran out. */
  feed(buf: Buffer, i: number): number {
    const start = i;
    const n = buf.length;
    let bsCache = -2; // index of the next backslash at or after i; -1: none; -2: not searched
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        if (bsCache !== -1 && bsCache < i) bsCache = buf.indexOf(BACKSLASH, i);
        if (bsCache !== -1 && (q === -1 || bsCache < q)) {
          i = bsCache + 1;
          this.escape = true;
          continue;
        }
        if (q === -1) break;
        this.inString = false;
        i = q + 1;
        if (this.depth === 0) return this.finish(buf, start, i);
        continue;
      }
      const c = buf[i]!;
      if (this.literal) {
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
          return this.finish(buf, start, i);
        }
        i++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.started = true;
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        this.started = true;
      } else if (c === 0x7d || c === 0x5d) {
        if (--this.depth < 0) throw new ListStructureError(`unbalanced brackets in ${this.what}`);
        if (this.depth === 0) return this.finish(buf, start, i + 1);
      } else if (!this.started && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this.literal = true;
        this.started = true;
      }
      i++;
    }
    this.keep(buf.subarray(start, n));
    return -1;
  }

  /** bytes returns the captured value (when capturing). */
  bytes(): Buffer {
    return this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.length);
  }

  private finish(buf: Buffer, start: number, end: number): number {
    this.keep(buf.subarray(start, end));
    return end;
  }

  private keep(piece: Buffer): void {
    if (!this.capture || piece.length === 0) return;
    this.length += piece.length;
    if (this.length > this.maxBytes) {
      this.pieces = [];
      throw new SizeLimitError(`${this.what} of more than ${formatBytes(this.maxBytes)} exceeds the limit`);
    }
    this.pieces.push(piece);
  }
}

/**
 * JsonListScanner consumes a List body chunk by chunk (push), then end() returns its metadata.
 * Throws ListStructureError on a body that is not a List object, SizeLimitError on an item or
 * metadata over maxItemBytes; it must not be used after throwing.
 */
export class JsonListScanner {
  private phase: Phase = 'root';
  private key = '';
  private value: ValueScan | undefined;
  private metadataBytes: Buffer | undefined;
  /** itemCount is the number of items handed to onItem so far. */
  itemCount = 0;

  constructor(private readonly options: JsonListScannerOptions) {}

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.value) {
        const end = this.value.feed(chunk, i);
        if (end === -1) return;
        i = end;
        this.valueDone();
        continue;
      }
      const c = chunk[i]!;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (this.phase) {
        case 'root':
          if (c !== 0x7b) throw new ListStructureError('the body is not a JSON object');
          this.phase = 'key';
          i++;
          break;
        case 'key':
          if (c === 0x7d) this.phase = 'done';
          else if (c === QUOTE) this.value = new ValueScan(true, MAX_KEY_BYTES, 'a member name');
          else if (c !== 0x2c) throw new ListStructureError('expected a member name');
          if (c !== QUOTE) i++;
          break;
        case 'colon':
          if (c !== 0x3a) throw new ListStructureError('expected ":"');
          this.phase = 'value';
          i++;
          break;
        case 'value':
          if (this.key === 'items' && c === 0x5b) {
            this.phase = 'items';
            i++;
          } else if (this.key === 'items' && c !== 0x6e /* null */) {
            throw new ListStructureError('items is not an array');
          } else {
            const keep = this.key === 'metadata';
            this.value = new ValueScan(keep, this.options.maxItemBytes, 'the list metadata');
          }
          break;
        case 'items':
          if (c === 0x5d) {
            this.phase = 'after';
            i++;
          } else if (c === 0x2c) i++;
          else this.value = new ValueScan(true, this.options.maxItemBytes, 'a list item');
          break;
        case 'after':
          if (c === 0x2c) this.phase = 'key';
          else if (c === 0x7d) this.phase = 'done';
          else throw new ListStructureError('expected "," or "}"');
          i++;
          break;
        case 'done':
          throw new ListStructureError('data after the end of the body');
      }
    }
  }

  /** end checks the body was complete and returns its top-level metadata's bytes, if any. */
  end(): Buffer | undefined {
    if (this.phase !== 'done' || this.value) throw new ListStructureError('the body ended early');
    return this.metadataBytes;
  }

  private valueDone(): void {
    const scan = this.value!;
    this.value = undefined;
    switch (this.phase) {
      case 'key': {
        let key: unknown;
        try {
          key = JSON.parse(scan.bytes().toString('utf8'));
        } catch {
          throw new ListStructureError('a member name is not a JSON string');
        }
        if (typeof key !== 'string') throw new ListStructureError('expected a member name');
        this.key = key;
        this.phase = 'colon';
        break;
      }
      case 'value':
        if (this.key === 'metadata') this.metadataBytes = scan.bytes();
        this.phase = 'after';
        break;
      case 'items':
        this.itemCount++;
        this.options.onItem(scan.bytes());
        break;
      default:
        throw new ListStructureError('unexpected value');
    }
  }
}
