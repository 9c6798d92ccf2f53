// The entry of dist/yaml.js: js-yaml's parser, a chunk of its own that the host requires when
// it first reads a kubeconfig (see kubeconfigYaml.ts, scripts/lazyChunks.mjs).
export { load, CORE_SCHEMA } from 'js-yaml';
export type { LoadOptions } from 'js-yaml';
