// lazyChunks: an esbuild plugin that keeps code only some actions need out of the host bundle.
// Each chunk is its own file in dist/, built from its entry module; the bundle requires it
// (`require('./<chunk>.js')`) on first use, so activation neither reads nor compiles it:
// - client-node.js (src/kube/clientNodeEntry.ts): @kubernetes/client-node, when a cluster with a
//   proxy-url connects (see src/kube/clientNode.ts);
// - describe.js (src/host/describe/describeEntry.ts): the kubectl-describe renderers, on the
//   first describe document (see src/host/describe/describeModule.ts);
// - yaml.js (src/kube/yamlEntry.ts): js-yaml, when the kubeconfig is first read, after
//   activation (see src/kube/kubeconfig.ts);
// - explain.js (src/host/explain/explainEntry.ts): the explainer, on the first explanation
//   (see src/host/explain/explainModule.ts).

/** LAZY_CHUNKS maps a chunk's output name (dist/<name>.js) to its entry module. */
export const LAZY_CHUNKS = {
  'client-node': 'src/kube/clientNodeEntry.ts',
  describe: 'src/host/describe/describeEntry.ts',
  yaml: 'src/kube/yamlEntry.ts',
  explain: 'src/host/explain/explainEntry.ts',
};

/** The file each chunk's entry module becomes, next to the bundle that requires it. */
const CHUNK_FILES = {
  clientNodeEntry: './client-node.js',
  describeEntry: './describe.js',
  yamlEntry: './yaml.js',
  explainEntry: './explain.js',
};

/** @type {import('esbuild').Plugin} */
export const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /\/(clientNodeEntry|describeEntry|yamlEntry|explainEntry)$/ }, (args) =>
      args.kind === 'entry-point'
        ? undefined
        : { path: CHUNK_FILES[args.path.split('/').pop()], external: true },
    );
  },
};
