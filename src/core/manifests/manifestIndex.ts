/**
 * manifestIndex: the incremental index of a workspace's manifests, file -> entries, with a
 * reverse map from object (kind + name) to the entries that define it.
 */
import { parseManifest, type ParseOptions } from './parse';
import type { ManifestEntry, ParsedFile } from './types';

/** objectKey is the index's key of an object: namespace is left to the matcher (it may default). */
export function objectKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

/**
 * ManifestIndex holds the entries of every indexed file. `update` re-parses one file and
 * replaces its entries (cost: that file's parse + O(its entries)); `remove` and `rename` never
 * parse. Entries are immutable: callers may keep them, and must not mutate them.
 */
export class ManifestIndex {
  private readonly files = new Map<string, ParsedFile>();
  private readonly byObject = new Map<string, Set<ManifestEntry>>();

  constructor(private readonly options: ParseOptions) {}

  /** size is the number of indexed files (skipped ones included). */
  get size(): number {
    return this.files.size;
  }

  /** entryCount is the number of entries over all files. */
  get entryCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.entries.length;
    return n;
  }

  /** update (re)indexes `file` from `text` and returns its reading. */
  update(file: string, text: string): ParsedFile {
    const parsed = parseManifest(file, text, this.options);
    this.set(file, parsed);
    return parsed;
  }

  /** skip records a file that was not read (e.g. too large by its size on disk). */
  skip(file: string, reason: NonNullable<ParsedFile['skipped']>): void {
    this.set(file, { file, entries: [], errors: [], skipped: reason });
  }

  /** remove forgets `file`; true when it was indexed. */
  remove(file: string): boolean {
    const old = this.files.get(file);
    if (!old) return false;
    this.unlink(old);
    this.files.delete(file);
    return true;
  }

  /** rename moves `from`'s entries to `to` without re-parsing; false when `from` was not indexed. */
  rename(from: string, to: string): boolean {
    const old = this.files.get(from);
    if (!old) return false;
    this.remove(from);
    this.set(to, { ...old, file: to, entries: old.entries.map((e) => ({ ...e, file: to })) });
    return true;
  }

  /** get returns a file's reading, if indexed. */
  get(file: string): ParsedFile | undefined {
    return this.files.get(file);
  }

  /** entries returns a file's entries (empty when not indexed). */
  entries(file: string): readonly ManifestEntry[] {
    return this.files.get(file)?.entries ?? [];
  }

  /** defining returns the entries of every file that define an object of `kind` named `name`. */
  defining(kind: string, name: string): ManifestEntry[] {
    return [...(this.byObject.get(objectKey(kind, name)) ?? [])];
  }

  /** allFiles lists the indexed files. */
  allFiles(): string[] {
    return [...this.files.keys()];
  }

  /** allEntries iterates over every entry. */
  *allEntries(): IterableIterator<ManifestEntry> {
    for (const f of this.files.values()) yield* f.entries;
  }

  private set(file: string, parsed: ParsedFile): void {
    const old = this.files.get(file);
    if (old) this.unlink(old);
    this.files.set(file, parsed);
    for (const e of parsed.entries) {
      const key = objectKey(e.kind, e.name);
      let set = this.byObject.get(key);
      if (!set) this.byObject.set(key, (set = new Set()));
      set.add(e);
    }
  }

  private unlink(parsed: ParsedFile): void {
    for (const e of parsed.entries) {
      const key = objectKey(e.kind, e.name);
      const set = this.byObject.get(key);
      set?.delete(e);
      if (set?.size === 0) this.byObject.delete(key);
    }
  }
}
