import type * as ClientNodeModule from '@kubernetes/client-node';

/** ClientNode is what we use of client-node: exactly what src/kube/clientNodeEntry.ts exports. */
export type ClientNode = Pick<typeof ClientNodeModule, 'KubeConfig' | 'bufferFromFileOrString'>;

let loaded: ClientNode | undefined;

/**
 * clientNode loads `@kubernetes/client-node` on first use. It is most of the extension's code
 * and most of its load time (~190 ms in VS Code's extension host), and only a cluster with a
 * proxy-url needs it (for its http, https or socks proxy agent: see clusterTls.ts's createAgent;
 * the cluster's TLS settings are clusterTls.ts's own, user auth is credentials.ts's), so neither
 * activation nor a plain connect pays for it. In the VSIX it is a separate file,
 * dist/client-node.js (see scripts/build.mjs).
 */
export function clientNode(): ClientNode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./clientNodeEntry') as ClientNode;
  return loaded;
}
