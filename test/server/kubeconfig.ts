/**
 * kubeconfig: renders a kubeconfig (one cluster, one user, one context, current-context set)
 * that kubectl and @kubernetes/client-node both accept. Strings are written as JSON strings,
 * which are valid YAML double-quoted scalars.
 */

/** KubeconfigParts is everything a kubeconfig needs; credentials are optional. */
export interface KubeconfigParts {
  server: string;
  caPem?: string;
  contextName: string;
  userEntryName: string;
  namespace?: string;
  token?: string;
  clientCert?: { certPem: string; keyPem: string };
}

const q = (s: string) => JSON.stringify(s);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** renderKubeconfig returns the YAML text. */
export function renderKubeconfig(p: KubeconfigParts): string {
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    `- name: ${q(p.contextName)}`,
    '  cluster:',
    `    server: ${q(p.server)}`,
  ];
  if (p.caPem) lines.push(`    certificate-authority-data: ${b64(p.caPem)}`);
  lines.push(
    'contexts:',
    `- name: ${q(p.contextName)}`,
    '  context:',
    `    cluster: ${q(p.contextName)}`,
    `    user: ${q(p.userEntryName)}`,
  );
  if (p.namespace) lines.push(`    namespace: ${q(p.namespace)}`);
  lines.push(`current-context: ${q(p.contextName)}`, 'users:', `- name: ${q(p.userEntryName)}`, '  user:');
  const creds: string[] = [];
  if (p.token) creds.push(`    token: ${q(p.token)}`);
  if (p.clientCert) {
    creds.push(`    client-certificate-data: ${b64(p.clientCert.certPem)}`);
    creds.push(`    client-key-data: ${b64(p.clientCert.keyPem)}`);
  }
  if (creds.length === 0) lines[lines.length - 1] = '  user: {}';
  lines.push(...creds);
  return lines.join('\n') + '\n';
}
