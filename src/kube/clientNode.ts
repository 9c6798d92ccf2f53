import type * as ClientNodeModule from '@kubernetes/client-node';

/** ClientNode is what we use of client-node: exactly what src/kube/clientNodeEntry.ts exports. */
export type ClientNode = Pick<typeof ClientNodeModule, 'KubeConfig' | 'bufferFromFileOrString'>;

let loaded: ClientNode | undefined;

/**
 * clientNode loads `@kubernetes/client-node` on first use. It is most of the extension's code
 * and most of its load time, and only a connecting context needs it (for a cluster's TLS settings
 * and a proxy-url agent; user auth is credentials.ts's own), so activation does not pay for it. In the
 * VSIX it is a separate file, dist/client-node.js (see scripts/build.mjs).
 */
export function clientNode(): ClientNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./clientNodeEntry') as ClientNode;
  return loaded;
}
