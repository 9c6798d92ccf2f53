/**
 * parse: reads one workspace file into ManifestEntries. YAML documents are parsed one by one
 * with an injected loader (js-yaml's `load`), so a broken document costs only itself; positions
 * come from the line scanner in lines.ts. Helm/Kustomize templates that are not YAML are read
 * by line heuristics (template.ts). It never throws, whatever the text.
 */
import { findKindLine, metadataBlocks, splitDocuments, type MetadataBlock } from './lines';
import { readTemplate } from './template';
import { TRACKED_LABELS, type DocumentError, type ManifestEntry, type ParsedFile } from './types';

/** ParseOptions bound the work done on one file; defaults in the field comments. */
export interface ParseOptions {
  /** Parses one YAML document (js-yaml's `load`); may throw. */
  load: (text: string) => unknown;
  /** Files longer than this many characters are skipped. Default 2 MiB. */
  maxChars?: number;
  /** Documents read per file; the rest are reported and skipped. Default 1000. */
  maxDocuments?: number;
  /** A document with more alias references (`*name`) than this is skipped. Default 100. */
  maxAliases?: number;
  /** Entries (documents and List items) per file. Default 5000. */
  maxEntries?: number;
}

export const DEFAULT_MAX_CHARS = 2 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENTS = 1000;
export const DEFAULT_MAX_ALIASES = 100;
export const DEFAULT_MAX_ENTRIES = 5000;

type Loose = Record<string, unknown>;

function obj(v: unknown): Loose | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const ALIAS = /(?:^|[\s[{,:-])\*[^\s,[\]{}]/g;

/** countAliases counts alias references (`*name`) in YAML text, an upper bound (comments count). */
export function countAliases(text: string, stopAt: number): number {
  if (!text.includes('*')) return 0;
  ALIAS.lastIndex = 0;
  let n = 0;
  while (ALIAS.exec(text) && n <= stopAt) n++;
  return n;
}

/** isJsonFile says whether the file is read as JSON (by its name). */
export function isJsonFile(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}

/** isTemplatePath says whether the file sits in a Helm chart's `templates/` folder. */
export function isTemplatePath(file: string): boolean {
  return /(^|[\\/])templates[\\/]/.test(file);
}

function labelsOf(metadata: Loose): Record<string, string> {
  const labels = obj(metadata.labels);
  const out: Record<string, string> = {};
  if (!labels) return out;
  for (const key of TRACKED_LABELS) {
    const v = labels[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

interface Span {
  startLine: number;
  endLine: number;
  kindLine: number | undefined;
}

function entryOf(
  file: string,
  o: Loose,
  span: Span,
  block: MetadataBlock | undefined,
): ManifestEntry | undefined {
  const metadata = obj(o.metadata);
  const kind = str(o.kind);
  const name = metadata ? str(metadata.name) : '';
  if (!kind || !name || !metadata) return undefined;
  const nameLine = block?.nameLine ?? block?.line ?? span.startLine;
  return {
    file,
    kind,
    apiVersion: str(o.apiVersion),
    name,
    namespace: str(metadata.namespace) || undefined,
    startLine: span.startLine,
    endLine: span.endLine,
    nameLine,
    nameColumn: block?.nameLine !== undefined ? block.nameColumn : (block?.column ?? 0),
    kindLine: span.kindLine ?? nameLine,
    labels: labelsOf(metadata),
    template: name.includes('{{'),
  };
}

/**
 * entriesOfValue turns a parsed document into entries: the object itself, or a `*List`'s items
 * (each matched to its own `metadata:` block by name, in order). `blocks` are the document's
 * metadata blocks; `limit` bounds the items read.
 */
function entriesOfValue(
  file: string,
  value: unknown,
  span: Span,
  blocks: readonly MetadataBlock[],
  limit: number,
): ManifestEntry[] {
  const o = obj(value);
  if (!o) return [];
  const items = o.items;
  if (str(o.kind).endsWith('List') && Array.isArray(items)) {
    const out: ManifestEntry[] = [];
    let cursor = 0;
    for (const item of items.slice(0, limit)) {
      const name = str(obj(obj(item)?.metadata)?.name);
      let block: MetadataBlock | undefined;
      for (let i = cursor; i < blocks.length; i++) {
        if (blocks[i]!.name === name && blocks[i]!.column > 0) {
          block = blocks[i];
          cursor = i + 1;
          break;
        }
      }
      const e =
        item && obj(item)
          ? entryOf(file, obj(item)!, { ...span, kindLine: block?.nameLine }, block)
          : undefined;
      if (e) out.push(e);
    }
    return out;
  }
  const top = blocks.find((b) => b.column === 0) ?? blocks[0];
  const e = entryOf(file, o, span, top);
  return e ? [e] : [];
}

function parseJson(file: string, text: string, lines: string[], maxEntries: number): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      file,
      entries: [],
      errors: [{ line: 0, message: err instanceof Error ? err.message : String(err) }],
    };
  }
  const blocks = jsonMetadataBlocks(lines);
  const span: Span = { startLine: 0, endLine: Math.max(0, lines.length - 1), kindLine: undefined };
  const kindLine = lines.findIndex((l) => /^\s*"kind"\s*:/.test(l));
  if (kindLine >= 0) span.kindLine = kindLine;
  return { file, entries: entriesOfValue(file, value, span, blocks, maxEntries), errors: [] };
}

/** jsonMetadataBlocks finds each `"metadata"` key and the next `"name"` key after it. */
function jsonMetadataBlocks(lines: readonly string[]): MetadataBlock[] {
  const out: MetadataBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.indexOf('"metadata"');
    if (col < 0) continue;
    let block: MetadataBlock = { line: i, column: col, nameLine: undefined, nameColumn: 0, name: undefined };
    for (let j = i; j < Math.min(lines.length, i + 50); j++) {
      const m = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(j === i ? lines[j]!.slice(col) : lines[j]!);
      if (!m) continue;
      const at = (j === i ? col : 0) + m.index + m[0].length - m[1]!.length - 1;
      block = { line: i, column: col, nameLine: j, nameColumn: at, name: m[1] };
      break;
    }
    out.push(block);
  }
  return out;
}

/**
 * parseManifest reads `text`, the content of `file`, into entries. Bounds: a text longer than
 * `maxChars` or with a NUL in its first 8 KiB is skipped whole; at most `maxDocuments`
 * documents and `maxEntries` entries are read; a document with more than `maxAliases` alias
 * references is skipped (js-yaml shares aliased nodes, but a walker that copies them would
 * not: the "billion laughs"). Errors are per document; it never throws.
 */
export function parseManifest(file: string, text: string, options: ParseOptions): ParsedFile {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const maxAliases = options.maxAliases ?? DEFAULT_MAX_ALIASES;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (text.length > maxChars) return { file, entries: [], errors: [], skipped: 'too-large' };
  if (text.slice(0, 8192).includes('\u0000')) return { file, entries: [], errors: [], skipped: 'binary' };
  // Cheap pre-check: no manifest without a kind (package.json, CI workflows, values files).
  if (!text.includes('kind')) return { file, entries: [], errors: [] };
  const lines = text.split(/\r?\n/);
  if (isJsonFile(file)) return parseJson(file, text, lines, maxEntries);
  const template = isTemplatePath(file) || text.includes('{{');
  const { chunks, truncated } = splitDocuments(lines, maxDocuments);
  const entries: ManifestEntry[] = [];
  const errors: DocumentError[] = [];
  if (truncated)
    errors.push({
      line: chunks.at(-1)?.endLine ?? 0,
      message: `more than ${maxDocuments} documents: the rest is not indexed`,
    });
  for (const chunk of chunks) {
    if (entries.length >= maxEntries) break;
    if (!chunk.text.includes('kind')) continue;
    const aliases = countAliases(chunk.text, maxAliases);
    if (aliases > maxAliases) {
      errors.push({ line: chunk.startLine, message: `more than ${maxAliases} aliases: document skipped` });
      continue;
    }
    let value: unknown;
    try {
      value = options.load(chunk.text);
    } catch (err) {
      if (template) {
        const e = readTemplate(file, lines, chunk.startLine, chunk.endLine);
        if (e) {
          entries.push(e);
          continue;
        }
      }
      const mark = (err as { mark?: { line?: number } }).mark;
      const reason =
        (err as { reason?: string }).reason ?? (err instanceof Error ? err.message : String(err));
      errors.push({
        line: chunk.startLine + (typeof mark?.line === 'number' ? mark.line : 0),
        message: reason,
      });
      continue;
    }
    const blocks = metadataBlocks(lines, chunk.startLine, chunk.endLine);
    const kindLine = findKindLine(lines, chunk.startLine, chunk.endLine);
    const span: Span = { startLine: chunk.startLine, endLine: chunk.endLine, kindLine };
    for (const e of entriesOfValue(file, value, span, blocks, maxEntries - entries.length)) entries.push(e);
  }
  return { file, entries, errors };
}
