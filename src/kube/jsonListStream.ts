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
  /**
   * onItem receives each element of `items`, as bytes (valid only during the call), and, when
   * `skipManagedFields` is set and the item has one, the byte range of its
   * `metadata.managedFields` member (see ManagedFieldsCut; itemText applies it).
   */
  onItem: (bytes: Buffer, managedFields?: ManagedFieldsCut) => void;
  /** maxItemBytes: an element (or the metadata) longer than this throws SizeLimitError. */
  maxItemBytes: number;
  /**
   * skipManagedFields: find each item's `metadata.managedFields` member while scanning it, for a
   * consumer that drops it anyway: it is 35-45% of a typical pod's or event's bytes, otherwise
   * parsed only to be thrown away. What a cut leaves out is scanned for structure, not parsed.
   */
  skipManagedFields?: boolean;
}

/**
 * ManagedFieldsCut: the byte range [start, end) of an item's `metadata.managedFields` member,
 * from the opening quote of its name to just after its array's `]`. itemText leaves it out (with
 * the comma that separates it), which leaves valid JSON that parses to the same object but
 * without managedFields. Reported only when the scanner is sure: the member names "metadata" (at
 * the item's top level) and "managedFields" (directly inside it) were read unescaped within one
 * chunk, and the value is an array; otherwise the item comes without a cut.
 */
export interface ManagedFieldsCut {
  readonly start: number;
  readonly end: number;
}

const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * itemText is the item's JSON text, without its managedFields member when `cut` is given: the
 * member goes with the comma before it, or with the one after it when it is the first member.
 */
export function itemText(bytes: Buffer, cut: ManagedFieldsCut | undefined): string {
  if (!cut) return bytes.toString('utf8');
  let from = cut.start;
  let to = cut.end;
  let j = from - 1;
  while (isSpace(bytes[j])) j--;
  if (bytes[j] === 0x2c) from = j;
  else {
    let k = to;
    while (isSpace(bytes[k])) k++;
    if (bytes[k] === 0x2c) to = k + 1;
  }
  return bytes.toString('utf8', 0, from) + bytes.toString('utf8', to);
}

const METADATA = Buffer.from('metadata');
const MANAGED_FIELDS = Buffer.from('managedFields');

/** keyIs: buf[from, to) holds exactly `name`'s bytes. */
function keyIs(buf: Buffer, from: number, to: number, name: Buffer): boolean {
  return to - from === name.length && buf.compare(name, 0, name.length, from, to) === 0;
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
  // managedFields tracking (items with `track` only); positions are offsets in the item.
  /** The next string at depth 1 (or at depth 2 inside metadata) is a member name. */
  private nameNext1 = false;
  private nameNext2 = false;
  /** The string being read is a member name at depth 1 or 2 (0: it is not), from `nameFrom`. */
  private nameDepth = 0;
  private nameFrom = -1;
  /** Item offset of the tracked name's opening quote; of the last "managedFields" name's. */
  private nameAt = -1;
  private managedFieldsAt = -1;
  /** The last member name read at depth 1 was "metadata"; at depth 2, "managedFields". */
  private afterMetadata = false;
  /** After the name "managedFields" (1), and its colon (2): only `[` may follow for a cut. */
  private afterManagedFields: 0 | 1 | 2 = 0;
  /** Depth 2 is the item's metadata object. */
  private inMetadata = false;
  private cutStart = -1;
  private cutEnd = -1;
  /** A member name that could not be read (escaped, or split across chunks): no cut. */
  private unsure = false;

  constructor(
    private readonly capture: boolean,
    private readonly maxBytes: number,
    private readonly what: string,
    private readonly track = false,
  ) {}

  /** cut is the item's managedFields range, when tracked and certain (see ManagedFieldsCut). */
  cut(): ManagedFieldsCut | undefined {
    return this.track && !this.unsure && this.cutStart >= 0 && this.cutEnd > this.cutStart
      ? { start: this.cutStart, end: this.cutEnd }
      : undefined;
  }

  /** feed scans buf from i; returns the index just after the value, or -1 if buf ran out. */
  feed(buf: Buffer, i: number): number {
    const start = i;
    const n = buf.length;
    const track = this.track;
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
          if (this.nameDepth !== 0) this.unsure = true;
          continue;
        }
        if (q === -1) {
          if (this.nameDepth !== 0) this.unsure = true;
          break;
        }
        this.inString = false;
        if (this.nameDepth !== 0) this.readName(buf, q);
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
        if (track) {
          const d = this.depth;
          this.afterManagedFields = 0;
          if (d === 1 && this.nameNext1) {
            this.nameNext1 = false;
            this.nameDepth = 1;
            this.nameFrom = i + 1;
          } else if (d === 2 && this.inMetadata && this.nameNext2) {
            this.nameNext2 = false;
            this.nameDepth = 2;
            this.nameFrom = i + 1;
            this.nameAt = this.length + (i - start);
          }
        }
      } else if (c === 0x7b || c === 0x5b) {
        this.depth++;
        this.started = true;
        if (track) this.opened(c);
      } else if (c === 0x7d || c === 0x5d) {
        if (--this.depth < 0) throw new ListStructureError(`unbalanced brackets in ${this.what}`);
        if (track) this.closed(c, this.length + (i - start));
        if (this.depth === 0) return this.finish(buf, start, i + 1);
      } else if (c === 0x2c) {
        if (track) {
          if (this.depth === 1) {
            this.nameNext1 = true;
            this.afterMetadata = false;
          } else if (this.depth === 2 && this.inMetadata) {
            this.nameNext2 = true;
            this.afterManagedFields = 0;
          }
        }
      } else if (this.afterManagedFields !== 0) {
        // Strict: exactly `"managedFields"`, a colon, then `[` (spaces between) make a cut.
        if (c === 0x3a && this.afterManagedFields === 1) this.afterManagedFields = 2;
        else if (!isSpace(c)) this.afterManagedFields = 0;
      } else if (!this.started && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        this.literal = true;
        this.started = true;
      }
      i++;
    }
    this.keep(buf.subarray(start, n));
    return -1;
  }

  /** readName: a tracked member name ended at buf[q] (its closing quote). */
  private readName(buf: Buffer, q: number): void {
    const depth = this.nameDepth;
    this.nameDepth = 0;
    // nameFrom is in this chunk: a name split across chunks set `unsure` when the chunk ran out.
    if (this.unsure) return;
    if (depth === 1) this.afterMetadata = keyIs(buf, this.nameFrom, q, METADATA);
    else {
      this.afterManagedFields = keyIs(buf, this.nameFrom, q, MANAGED_FIELDS) ? 1 : 0;
      if (this.afterManagedFields) this.managedFieldsAt = this.nameAt;
    }
  }

  /** opened: `c` ({ or [) raised the depth to this.depth. */
  private opened(c: number): void {
    const d = this.depth;
    if (d === 1) {
      // Only an object item has a metadata member.
      this.nameNext1 = c === 0x7b;
      if (c !== 0x7b) this.unsure = true;
    } else if (d === 2) {
      this.inMetadata = c === 0x7b && this.afterMetadata;
      this.afterMetadata = false;
      this.nameNext2 = this.inMetadata;
    } else if (
      d === 3 &&
      this.inMetadata &&
      c === 0x5b &&
      this.afterManagedFields === 2 &&
      this.cutStart < 0
    ) {
      this.cutStart = this.managedFieldsAt;
    }
    this.afterManagedFields = 0;
  }

  /** closed: `c` (} or ]) lowered the depth to this.depth, at item offset `at`. */
  private closed(c: number, at: number): void {
    const d = this.depth;
    this.afterManagedFields = 0;
    if (d === 2 && this.inMetadata && c === 0x5d && this.cutStart >= 0 && this.cutEnd < 0)
      this.cutEnd = at + 1;
    else if (d === 1) this.inMetadata = false;
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
          else
            this.value = new ValueScan(
              true,
              this.options.maxItemBytes,
              'a list item',
              this.options.skipManagedFields === true,
            );
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
        this.options.onItem(scan.bytes(), scan.cut());
        break;
      default:
        throw new ListStructureError('unexpected value');
    }
  }
}
