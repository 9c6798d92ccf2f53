import type * as ExplainEntry from './explainEntry';

/** ExplainModule is what explainEntry.ts exports. */
export type ExplainModule = typeof ExplainEntry;

let loaded: ExplainModule | undefined;

/**
 * explainModule loads the explainer on first use: only an explanation needs it, so activation
 * does not read or compile it. In the VSIX it is dist/explain.js (see scripts/lazyChunks.mjs).
 */
export function explainModule(): ExplainModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./explainEntry') as ExplainModule;
  return loaded;
}
