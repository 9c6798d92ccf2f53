import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBoundedFile } from '../../../src/kube/boundedFile';
import { displayServer } from '../../../src/kube/displayServer';
import { loadKubeconfigs, readKubeconfigs } from '../../../src/kube/kubeconfig';

const GOOD = `
current-context: ok
clusters:
- name: c
  cluster: {server: "https://k.example", certificate-authority: ca.crt}
contexts:
- name: ok
  context: {cluster: c}
`;

describe('kubeconfig reading (bounded, asynchronous)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-kcread-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a FIFO, /dev/zero, a directory and an oversized file, and still loads the others', async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(dir, 'big');
    fs.writeFileSync(big, `# ${'x'.repeat(4 * 1024 * 1024)}\n`);
    const good = path.join(dir, 'good');
    fs.writeFileSync(good, GOOD);
    fs.writeFileSync(path.join(dir, 'ca.crt'), 'PEM');
    // A FIFO with no writer would block a plain read forever: this must return.
    const r = await readKubeconfigs([fifo, '/dev/zero', dir, big, path.join(dir, 'missing'), good]);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      [
        `${fifo} is a FIFO, not a regular file`,
        '/dev/zero is a device, not a regular file',
        `${dir} is a directory, not a regular file`,
        `${big} is larger than 4096 KiB`,
      ],
    );
    assert.deepEqual(
      r.contexts.map((c) => [c.name, c.error]),
      [['ok', undefined]],
    );
    assert.equal(r.currentContext, 'ok');
    // The same bounds for synchronous callers.
    const s = loadKubeconfigs([fifo, '/dev/zero', good]);
    assert.equal(s.errors.length, 2);
    assert.equal(s.contexts.length, 1);
  });

  it('reads the CA file up front (bounded) and a bad one fails its contexts only', async () => {
    fs.writeFileSync(path.join(dir, 'ca.crt'), 'PEM');
    const good = path.join(dir, 'good');
    fs.writeFileSync(good, GOOD);
    const r = await readKubeconfigs([good]);
    const cluster = r.config.clusters[0]!.cluster as Record<string, unknown>;
    assert.equal(cluster['certificate-authority-data'], Buffer.from('PEM').toString('base64'));
    assert.equal(cluster['certificate-authority'], undefined);
    fs.rmSync(path.join(dir, 'ca.crt'));
    execFileSync('mkfifo', [path.join(dir, 'ca.crt')]);
    const bad = await readKubeconfigs([good]);
    assert.match(
      bad.contexts[0]!.error!,
      /cluster "c": cannot read certificate-authority .*ca\.crt is a FIFO/,
    );
  });

  it('reports a syntax error with file, line and column as data, never quoting the file', async () => {
    const file = path.join(dir, 'bad');
    fs.writeFileSync(file, 'users:\n- name: u\n  user: {token: "hunter2"\n');
    const r = await readKubeconfigs([file]);
    assert.equal(r.errors.length, 1);
    const e = r.errors[0]!;
    assert.equal(e.path, file);
    assert.equal(typeof e.line, 'number');
    assert.equal(typeof e.column, 'number');
    assert.equal(e.line, 4);
    assert.ok(e.reason && e.reason.length > 0);
    assert.match(e.message, new RegExp(`^${file}: invalid YAML at line 4, column \\d+: `));
    assert.doesNotMatch(JSON.stringify(e), /hunter2/);
  });

  it('gives readBoundedFile a cap that holds for files growing while read', async () => {
    const f = path.join(dir, 'f');
    fs.writeFileSync(f, 'abcdef');
    assert.equal((await readBoundedFile(f, 6)).toString(), 'abcdef');
    await assert.rejects(readBoundedFile(f, 5), /larger than/);
  });

  it('displayServer strips userinfo in every shape', () => {
    assert.equal(displayServer('https://u:p@h:6443'), 'https://h:6443');
    assert.equal(displayServer('https://u:p@h:6443/'), 'https://h:6443/');
    assert.equal(displayServer('https://token@h/prefix'), 'https://h/prefix');
    assert.equal(displayServer('https://h:6443'), 'https://h:6443');
    assert.equal(displayServer('http://[::1]:80'), 'http://[::1]:80');
    assert.equal(displayServer('https://h/path@x'), 'https://h/path@x');
    assert.equal(displayServer('https://a@b:c@h'), 'https://h');
    assert.equal(displayServer('u:p@h:6443'), 'h:6443');
    assert.equal(displayServer('https://u:p w@h'), 'https://h');
  });
});
