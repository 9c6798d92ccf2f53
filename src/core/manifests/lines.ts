/**
 * lines: a small line scanner over YAML text, because js-yaml 4 reports no positions for the
 * nodes it returns (only for errors). It splits a file into documents on `---` lines and finds
 * the `metadata:` blocks and their `name:` keys. It reads block-style YAML as kubectl and Helm
 * write it; flow style (`metadata: {name: x}`) falls back to the `metadata` line.
 */

/** DocumentChunk is one document's text and the file line it starts on (0-based). */
export interface DocumentChunk {
  readonly text: string;
  readonly startLine: number;
  /** Inclusive last line. */
  readonly endLine: number;
}

const SEPARATOR = /^---(?:\s|$)/;
const END_MARKER = /^\.\.\.\s*$/;

/**
 * splitDocuments cuts `lines` at document markers: a chunk starts at each `---` line at column
 * 0 (kept in the chunk: js-yaml reads `--- !tag` or `--- # note` itself) and ends before the
 * next one or after a `...` line. A `---` cannot occur at column 0 inside a block scalar (those
 * are indented), so the cut is exact for block-style YAML. Chunks may be empty or hold only
 * comments (the caller skips what parses to nothing). At most `max` chunks are returned;
 * `truncated` says that more followed.
 */
export function splitDocuments(
  lines: readonly string[],
  max: number,
): { chunks: DocumentChunk[]; truncated: boolean } {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  const push = (end: number): boolean => {
    if (end <= start) return true;
    if (chunks.length >= max) return false;
    chunks.push({ text: lines.slice(start, end).join('\n'), startLine: start, endLine: end - 1 });
    return true;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SEPARATOR.test(line)) {
      if (!push(i)) return { chunks, truncated: true };
      start = i;
    } else if (END_MARKER.test(line)) {
      if (!push(i + 1)) return { chunks, truncated: true };
      start = i + 1;
    }
  }
  if (!push(lines.length)) return { chunks, truncated: true };
  return { chunks, truncated: false };
}

/** MetadataBlock is one `metadata:` key and the `name:` directly under it. */
export interface MetadataBlock {
  readonly line: number;
  readonly column: number;
  readonly nameLine: number | undefined;
  readonly nameColumn: number;
  /** The name as written, quotes removed (undefined when there is no `name:` key). */
  readonly name: string | undefined;
}

const METADATA = /^(\s*(?:-\s+)*)metadata:\s*(?:#.*)?$/;
const METADATA_FLOW = /^(\s*(?:-\s+)*)metadata:\s*\{/;
const KEY = /^(\s*)([A-Za-z0-9_./-]+):(?:\s+(.*))?$/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** unquote strips a trailing comment and one level of quotes from a plain scalar as written. */
export function unquote(raw: string): string {
  let v = raw.trim();
  if (v.startsWith('"') || v.startsWith("'")) {
    const q = v[0]!;
    const end = v.indexOf(q, 1);
    return end > 0 ? v.slice(1, end) : v.slice(1);
  }
  const hash = v.search(/\s#/);
  if (hash >= 0) v = v.slice(0, hash).trim();
  return v;
}

/**
 * metadataBlocks lists the `metadata:` blocks of `lines[from..to]` (inclusive) in order, with the
 * `name:` key at the first indentation level under each. Cost O(lines).
 */
export function metadataBlocks(lines: readonly string[], from: number, to: number): MetadataBlock[] {
  const out: MetadataBlock[] = [];
  for (let i = from; i <= to && i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('metadata:')) continue;
    const flow = METADATA_FLOW.exec(line);
    if (flow) {
      const col = line.indexOf('metadata:');
      const m = /[{,]\s*name:\s*([^,}]+)/.exec(line);
      const nameCol = m ? line.indexOf(m[1]!, m.index) : col;
      out.push({
        line: i,
        column: col,
        nameLine: i,
        nameColumn: nameCol,
        name: m ? unquote(m[1]!) : undefined,
      });
      continue;
    }
    const head = METADATA.exec(line);
    if (!head) continue;
    const column = head[1]!.length;
    let childIndent = -1;
    let found: MetadataBlock | undefined;
    for (let j = i + 1; j <= to && j < lines.length; j++) {
      const child = lines[j]!;
      if (isBlankOrComment(child)) continue;
      const indent = indentOf(child);
      if (indent <= column) break;
      if (childIndent < 0) childIndent = indent;
      if (indent !== childIndent) continue;
      const key = KEY.exec(child);
      if (key?.[2] === 'name') {
        const value = key[3] ?? '';
        const at = value.trim() === '' ? indent : child.indexOf(value.trimStart(), indent + 5);
        found = { line: i, column, nameLine: j, nameColumn: at, name: unquote(value) };
        break;
      }
    }
    out.push(found ?? { line: i, column, nameLine: undefined, nameColumn: 0, name: undefined });
  }
  return out;
}

/** findKindLine returns the first `kind:` line of `lines[from..to]` at the given indentation, else undefined. */
export function findKindLine(
  lines: readonly string[],
  from: number,
  to: number,
  indent = 0,
): number | undefined {
  for (let i = from; i <= to && i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('kind:', indent) && indentOf(line) === indent) return i;
  }
  return undefined;
}
