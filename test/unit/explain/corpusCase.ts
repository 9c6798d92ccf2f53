import type { ExplainCache, ExplainEvent } from '../../../src/core/explain/types';

/** CorpusCase: one real message, the cache state that produces it, and what must be said. */
export interface CorpusCase {
  name: string;
  event: ExplainEvent;
  cache: () => ExplainCache;
  cause: RegExp;
  /** Each must match at least one evidence line. */
  evidence?: RegExp[];
  confidence?: 'exact' | 'partial' | 'generic';
  /** Refs the explanation must report as absent, as "Kind/ns/name". */
  absent?: string[];
  /** Must match no evidence line and not the cause. */
  never?: RegExp[];
}
