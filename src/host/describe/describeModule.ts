import type * as DescribeEntry from './describeEntry';

/** DescribeModule is what describeEntry.ts exports. */
export type DescribeModule = typeof DescribeEntry;

let loaded: DescribeModule | undefined;

/**
 * describeModule loads the describe renderers on first use. They are a sixth of the host code
 * and only a describe document needs them, so activation does not read or compile them. In the
 * VSIX they are a separate file, dist/describe.js (see scripts/lazyChunks.mjs).
 */
export function describeModule(): DescribeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./describeEntry') as DescribeModule;
  return loaded;
}
