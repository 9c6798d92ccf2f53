/** InternerOptions bound a StringInterner. */
export interface InternerOptions {
  /** Strings per generation (two generations are kept). Default 1024. */
  maxEntries?: number;
  /** Longer strings are returned as given, never kept. Default 128 (UTF-16 code units). */
  maxLength?: number;
}

export const DEFAULT_INTERNER_ENTRIES = 1024;
export const DEFAULT_INTERNER_MAX_LENGTH = 128;

/**
 * StringInterner hands out one shared instance per distinct string, so that objects parsed one
 * by one (each with its own copy of "letsencrypt", "Helm", "app-7") hold one string between them.
 *
 * Bounds: at most `2 * maxEntries` strings of at most `maxLength` code units are held. The
 * strings seen recently live in a young generation; when it holds `maxEntries`, it becomes the
 * old one and the previous old one is dropped (a string found in the old generation moves back
 * to the young one). Unique strings thus pass through without growing anything, and the strings
 * that keep coming back stay shared. Forgetting a string only loses sharing, never correctness:
 * `intern(s) === s` as values, always.
 */
export class StringInterner {
  private readonly maxEntries: number;
  private readonly maxLength: number;
  private young = new Map<string, string>();
  private old = new Map<string, string>();

  constructor(options: InternerOptions = {}) {
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_INTERNER_ENTRIES));
    this.maxLength = Math.max(0, Math.floor(options.maxLength ?? DEFAULT_INTERNER_MAX_LENGTH));
  }

  /** intern returns the shared instance equal to `s` (and remembers `s` when it is new). */
  intern(s: string): string {
    if (s.length > this.maxLength) return s;
    const hit = this.young.get(s);
    if (hit !== undefined) return hit;
    const shared = this.old.get(s) ?? s;
    if (this.young.size >= this.maxEntries) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(shared, shared);
    return shared;
  }

  /** size is the number of strings held (both generations; a promoted string may count twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
