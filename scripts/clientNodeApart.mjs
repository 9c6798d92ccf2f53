// clientNodeApart: an esbuild plugin that keeps @kubernetes/client-node out of a host bundle.
// The bundle requires it as ./client-node.js (built from src/kube/clientNodeEntry.ts) when the
// first context connects, so activation does not load it (see src/kube/clientNode.ts).

/** @type {import('esbuild').Plugin} */
export const clientNodeApart = {
  name: 'client-node-apart',
  setup(build) {
    build.onResolve({ filter: /clientNodeEntry$/ }, () => ({ path: './client-node.js', external: true }));
  },
};
