// The entry of dist/describe.js: the kubectl-describe renderers, a chunk of their own that the
// host requires on the first describe document (see describeModule.ts, scripts/lazyChunks.mjs).
export { describeObject, selectEventsFor } from '../../core/describe/describe';
