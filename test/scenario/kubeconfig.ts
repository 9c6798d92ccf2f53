/**
 * kubeconfig: writeDemoKubeconfig registers two users on a TestServer and writes one
 * kubeconfig file with a context for each, both pointing at that server:
 * - `demo-admin`: may do everything;
 * - `demo-restricted`: may only get, list and watch, and only in namespace `staging` (its
 *   context's default namespace); every cluster-wide request is forbidden, as for a typical
 *   developer account, so a client must fall back to the namespace.
 * Values are written as JSON strings, which are valid YAML scalars.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestServer } from '../server';

/** DemoKubeconfig is what writeDemoKubeconfig wrote. */
export interface DemoKubeconfig {
  file: string;
  /** Both context names, admin first. */
  contexts: [string, string];
  adminContext: string;
  restrictedContext: string;
  restrictedNamespace: string;
}

export const ADMIN_CONTEXT = 'demo-admin';
export const RESTRICTED_CONTEXT = 'demo-restricted';
export const RESTRICTED_NAMESPACE = 'staging';

const q = (s: string) => JSON.stringify(s);

/** writeDemoKubeconfig writes `file` (mode 0600, parent directories created) and returns its description. */
export function writeDemoKubeconfig(server: TestServer, file: string): DemoKubeconfig {
  const adminToken = randomBytes(16).toString('hex');
  const viewerToken = randomBytes(16).toString('hex');
  server.addTokenUser('demo-admin', adminToken);
  server.grantAll('demo-admin');
  server.addTokenUser('demo-viewer', viewerToken);
  server.allow('demo-viewer', {
    verbs: ['get', 'list', 'watch'],
    resources: '*',
    namespaces: [RESTRICTED_NAMESPACE],
  });
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    '- name: "demo"',
    '  cluster:',
    `    server: ${q(server.url)}`,
    ...(server.caPem
      ? [`    certificate-authority-data: ${Buffer.from(server.caPem).toString('base64')}`]
      : []),
    'contexts:',
    `- name: ${q(ADMIN_CONTEXT)}`,
    '  context:',
    '    cluster: "demo"',
    '    user: "demo-admin"',
    `- name: ${q(RESTRICTED_CONTEXT)}`,
    '  context:',
    '    cluster: "demo"',
    '    user: "demo-viewer"',
    `    namespace: ${q(RESTRICTED_NAMESPACE)}`,
    `current-context: ${q(ADMIN_CONTEXT)}`,
    'users:',
    '- name: "demo-admin"',
    '  user:',
    `    token: ${q(adminToken)}`,
    '- name: "demo-viewer"',
    '  user:',
    `    token: ${q(viewerToken)}`,
  ];
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  return {
    file,
    contexts: [ADMIN_CONTEXT, RESTRICTED_CONTEXT],
    adminContext: ADMIN_CONTEXT,
    restrictedContext: RESTRICTED_CONTEXT,
    restrictedNamespace: RESTRICTED_NAMESPACE,
  };
}
