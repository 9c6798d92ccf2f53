import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { kubeConfigForContext, kubeconfigPaths, loadKubeconfigs } from '../../../src/kube/kubeconfig';

function files(map: Record<string, string>): (p: string) => string {
  return (p) => {
    if (!(p in map)) throw Object.assign(new Error(`ENOENT: no such file ${p}`), { code: 'ENOENT' });
    return map[p]!;
  };
}

const A = `
apiVersion: v1
kind: Config
current-context: a
clusters:
- name: shared
  cluster: {server: "https://a.example", certificate-authority: "certs/ca.crt"}
users:
- name: shared-user
  user: {token: secret-a, client-certificate: ../c.crt, client-key: /abs/c.key}
- name: exec-user
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, args: [x]}
- name: path-exec
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}
contexts:
- name: a
  context: {cluster: shared, user: shared-user, namespace: team-a}
- name: e
  context: {cluster: shared, user: exec-user}
`;
const B = `
current-context: b
clusters:
- name: shared
  cluster: {server: "https://b.example"}
- name: only-b
  cluster: {server: "https://only-b.example", tls-server-name: api.internal}
users:
- name: shared-user
  user: {token: secret-b}
- name: b-user
  user: {token-file: tok}
contexts:
- name: a
  context: {cluster: only-b, user: b-user}
- name: b
  context: {cluster: only-b, user: b-user}
- name: broken
  context: {cluster: nowhere, user: b-user}
`;

describe('kubeconfig', () => {
  it('merges with kubectl rules: first definition wins, first current-context wins, missing files skipped', () => {
    const r = loadKubeconfigs(
      ['/x/a.yaml', '/missing', '/y/b.yaml'],
      files({ '/x/a.yaml': A, '/y/b.yaml': B }),
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.currentContext, 'a');
    assert.deepEqual(
      r.contexts.map((c) => c.name),
      ['a', 'e', 'b', 'broken'],
    );
    const a = r.contexts.find((c) => c.name === 'a')!;
    assert.equal(a.server, 'https://a.example');
    assert.equal(a.user, 'shared-user');
    assert.equal(a.namespace, 'team-a');
    assert.equal(a.authKind, 'token');
    const shared = r.config.users.find((u) => u.name === 'shared-user')!;
    assert.equal((shared.user as { token: string }).token, 'secret-a');
  });

  it('resolves relative paths against the file that names them', () => {
    const r = loadKubeconfigs(['/x/a.yaml', '/y/b.yaml'], files({ '/x/a.yaml': A, '/y/b.yaml': B }));
    const cluster = r.config.clusters.find((c) => c.name === 'shared')!.cluster as Record<string, string>;
    assert.equal(cluster['certificate-authority'], path.join('/x', 'certs/ca.crt'));
    const u = r.config.users.find((x) => x.name === 'shared-user')!.user as Record<string, string>;
    assert.equal(u['client-certificate'], path.join('/x', '../c.crt'));
    assert.equal(u['client-key'], '/abs/c.key');
    const b = r.config.users.find((x) => x.name === 'b-user')!.user as Record<string, string>;
    assert.equal(b['token-file'], path.join('/y', 'tok'));
    const e = r.config.users.find((x) => x.name === 'exec-user')!.user as { exec: { command: string } };
    assert.equal(e.exec.command, path.join('/x', 'bin/plugin'));
    const p = r.config.users.find((x) => x.name === 'path-exec')!.user as { exec: { command: string } };
    assert.equal(p.exec.command, 'aws');
  });

  it('summarises auth kinds and flags broken contexts without failing the others', () => {
    const r = loadKubeconfigs(['/x/a.yaml', '/y/b.yaml'], files({ '/x/a.yaml': A, '/y/b.yaml': B }));
    const byName = Object.fromEntries(r.contexts.map((c) => [c.name, c]));
    assert.equal(byName.e!.authKind, 'exec');
    assert.equal(byName.e!.hasExec, true);
    assert.equal(byName.b!.authKind, 'tokenFile');
    assert.match(byName.broken!.error!, /cluster "nowhere"/);
    assert.equal(byName.a!.error, undefined);
    assert.notEqual(byName.a!.fingerprint, byName.e!.fingerprint);
  });

  it('reports a malformed file by name, without its content, and loads the others', () => {
    const bad = 'users:\n- name: u\n  user: {token: "hunter2-secret"\n';
    const r = loadKubeconfigs(
      ['/bad.yaml', '/y/b.yaml', '/shape.yaml'],
      files({
        '/bad.yaml': bad,
        '/y/b.yaml': B,
        '/shape.yaml': 'clusters: {a: 1}\n',
      }),
    );
    assert.equal(r.errors.length, 2);
    assert.equal(r.errors[0]!.path, '/bad.yaml');
    assert.match(r.errors[0]!.message, /\/bad\.yaml: invalid YAML at line \d+/);
    assert.doesNotMatch(r.errors[0]!.message, /hunter2/);
    assert.match(r.errors[1]!.message, /\/shape\.yaml: clusters must be a list/);
    assert.equal(r.currentContext, 'b');
    assert.ok(r.contexts.some((c) => c.name === 'b'));
  });

  it('treats an empty file as an empty config', () => {
    const r = loadKubeconfigs(['/e'], files({ '/e': '' }));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.contexts, []);
  });

  it('picks paths from the setting, else KUBECONFIG, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths(['~/k1', ''], {}, '/home/me'), ['/home/me/k1']);
    assert.deepEqual(kubeconfigPaths([], { KUBECONFIG: `/a${path.delimiter}${path.delimiter}/b` }, '/h'), [
      '/a',
      '/b',
    ]);
    assert.deepEqual(kubeconfigPaths(undefined, {}, '/h'), [path.join('/h', '.kube', 'config')]);
  });

  it('builds a fresh KubeConfig per context, never switching a shared one, without the user auth', () => {
    const r = loadKubeconfigs(['/x/a.yaml', '/y/b.yaml'], files({ '/x/a.yaml': A, '/y/b.yaml': B }));
    const ka = kubeConfigForContext(r.config, 'a');
    const ke = kubeConfigForContext(r.config, 'e');
    assert.notEqual(ka, ke);
    assert.equal(ka.getCurrentContext(), 'a');
    assert.equal(ka.getContexts().length, 1);
    assert.equal(ka.getCurrentCluster()!.server, 'https://a.example');
    // The user's auth is ours (credentials.ts): client-node gets the name only, reads no file.
    assert.equal(ka.getCurrentUser()!.name, 'shared-user');
    assert.equal(ka.getCurrentUser()!.token, undefined);
    assert.equal(ke.getCurrentUser()!.exec, undefined);
    assert.throws(() => kubeConfigForContext(r.config, 'nope'), /context "nope" is not defined/);
    // A missing token-file is no longer read (synchronously) here.
    assert.equal(kubeConfigForContext(r.config, 'b').getCurrentCluster()!.tlsServerName, 'api.internal');
  });

  it("resolves kubectl's tokenFile relative to the kubeconfig, as token-file is", () => {
    const r = loadKubeconfigs(['/y/k'], files({ '/y/k': 'users:\n- name: u\n  user: {tokenFile: t/tok}\n' }));
    const u = r.config.users[0]!.user as Record<string, string>;
    assert.equal(u.tokenFile, path.join('/y', 't/tok'));
  });

  it("never shows a server URL's userinfo", () => {
    const r = loadKubeconfigs(
      ['/k'],
      files({
        '/k': 'clusters:\n- name: c\n  cluster: {server: "https://admin:hunter2@k.example:6443/p"}\ncontexts:\n- name: x\n  context: {cluster: c}\n',
      }),
    );
    assert.equal(r.contexts[0]!.server, 'https://k.example:6443/p');
    // The raw entry keeps it: the connection is the transport's business.
    assert.match(JSON.stringify(r.config.clusters), /hunter2/);
  });
});
