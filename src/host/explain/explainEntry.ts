/**
 * explainEntry: the explainer and what it needs, loaded on the first explanation (a lazy chunk,
 * dist/explain.js; see scripts/lazyChunks.mjs and explainModule.ts).
 */
export { explain } from '../../core/explain/explain';
export { explanationView } from '../../core/explain/panelView';
export { PodsByNodeIndex } from '../../core/explain/podsByNode';
export { renderExplanation } from '../../core/explain/render';
export { holdRevisionsFor } from '../../core/explain/revisionLeases';
export { sessionStores } from '../../core/explain/sessionStores';
export { StoresExplainCache } from '../../core/explain/storesCache';
