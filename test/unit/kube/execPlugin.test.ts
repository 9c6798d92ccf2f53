import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decodeExecCredential,
  EXEC_MAX_STDOUT_BYTES,
  parseExecConfig,
  runExecPlugin,
} from '../../../src/kube/execPlugin';
import { FakeClock } from '../fakes/fakeClock';
import {
  alive,
  credential,
  execConfig,
  HANG,
  HANG_WITH_CHILD,
  PRINT_FOREVER,
  waitFor,
  waitForPids,
  writeScript,
} from './execFixtures';

describe('exec credential plugins (bounded)', () => {
  let dir: string;
  let pidFile: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-events-exec-'));
    pidFile = path.join(dir, 'pids');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns the token and expirationTimestamp of a valid ExecCredential', async () => {
    const expires = '2030-01-02T03:04:05Z';
    const script = writeScript(dir, 'ok.cjs', credential({ token: 'tok-1', expirationTimestamp: expires }));
    const status = await runExecPlugin(execConfig(script));
    assert.equal(status.token, 'tok-1');
    assert.equal(status.expiresAt, Date.parse(expires));
  });

  it('passes its env and KUBERNETES_EXEC_INFO (interactive false, cluster when asked)', async () => {
    const script = writeScript(
      dir,
      'env.cjs',
      `const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
process.stdout.write(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential',
  status: { token: [process.env.MY_VAR, info.spec.interactive, info.spec.cluster && info.spec.cluster.server].join('|') } }));`,
    );
    const cfg = execConfig(script, { env: [{ name: 'MY_VAR', value: 'v' }], provideClusterInfo: true });
    const status = await runExecPlugin(cfg, { cluster: { server: 'https://k.example' } });
    assert.equal(status.token, 'v|false|https://k.example');
    const without = await runExecPlugin({ ...cfg, provideClusterInfo: false }, { cluster: { server: 'x' } });
    assert.equal(without.token, 'v|false|');
  });

  it('kills a plugin that hangs, and its children, after the timeout (60 s by default)', async () => {
    const clock = new FakeClock();
    const script = writeScript(dir, 'hang.cjs', HANG_WITH_CHILD(pidFile));
    const run = runExecPlugin(execConfig(script), { clock });
    const [parent, child] = await waitForPids(pidFile, 2);
    assert.ok(alive(parent!) && alive(child!));
    clock.advance(59_999);
    assert.ok(alive(parent!), 'not killed before the timeout');
    clock.advance(1);
    await assert.rejects(run, /exec plugin ".*" did not finish within 60 s/);
    await waitFor(() => !alive(parent!) && !alive(child!), 'the plugin and its child to die');
    assert.equal(clock.pendingTimers(), 0);
  });

  it('kills a plugin that prints without end once it passes 1 MiB, without buffering more', async () => {
    const script = writeScript(dir, 'flood.cjs', PRINT_FOREVER(pidFile));
    await assert.rejects(runExecPlugin(execConfig(script)), /printed more than 1024 KiB/);
    assert.equal(EXEC_MAX_STDOUT_BYTES, 1024 * 1024);
    const [pid] = await waitForPids(pidFile, 1);
    await waitFor(() => !alive(pid!), 'the flooding plugin to die');
  });

  it('applies a smaller stdout cap when given one', async () => {
    const script = writeScript(dir, 'big.cjs', `process.stdout.write('y'.repeat(5000));`);
    await assert.rejects(runExecPlugin(execConfig(script), { maxStdoutBytes: 4096 }), /more than 4 KiB/);
  });

  it('reports a failing plugin with the redacted tail of its stderr', async () => {
    const script = writeScript(
      dir,
      'fail.cjs',
      `process.stderr.write('noise '.repeat(20000) + '\\nerror: login failed, token=s3cr3t-value Authorization: Bearer abc.def\\n'); process.exit(3);`,
    );
    await assert.rejects(runExecPlugin(execConfig(script), { stderrTailBytes: 1024 }), (err: Error) => {
      assert.match(err.message, /exited with code 3: .*login failed/s);
      assert.doesNotMatch(err.message, /s3cr3t|abc\.def/);
      assert.ok(err.message.length < 700, `message bounded (${err.message.length})`);
      return true;
    });
  });

  it('keeps only a tail of a stderr flood', async () => {
    const script = writeScript(
      dir,
      'errflood.cjs',
      `const c = 'e'.repeat(65536); let n = 0; const w = () => { while (n++ < 300 && process.stderr.write(c)) {} if (n < 300) process.stderr.once('drain', w); else process.exit(1); }; w();`,
    );
    await assert.rejects(runExecPlugin(execConfig(script)), (err: Error) => {
      assert.match(err.message, /exited with code 1: …e+$/);
      assert.ok(err.message.length < 700);
      return true;
    });
  });

  it('names a missing command with its installHint', async () => {
    const cfg = execConfig('x', {
      command: path.join(dir, 'no-such-plugin'),
      args: [],
      installHint: 'brew install it',
    });
    await assert.rejects(runExecPlugin(cfg), /not found\nbrew install it/);
  });

  it('cancels (kills) a running plugin when the signal aborts', async () => {
    const script = writeScript(dir, 'hang.cjs', HANG(pidFile));
    const controller = new AbortController();
    const run = runExecPlugin(execConfig(script), { signal: controller.signal });
    const [pid] = await waitForPids(pidFile, 1);
    controller.abort();
    await assert.rejects(run, /cancelled/);
    await waitFor(() => !alive(pid!), 'the cancelled plugin to die');
  });

  it('refuses interactiveMode Always (no terminal)', async () => {
    await assert.rejects(runExecPlugin(execConfig('x', { interactiveMode: 'Always' })), /needs a terminal/);
  });

  it('validates the ExecCredential without quoting it', () => {
    const v1 = 'client.authentication.k8s.io/v1';
    assert.throws(
      () => decodeExecCredential('tok-SECRET', v1),
      (e: Error) => !e.message.includes('SECRET'),
    );
    assert.throws(
      () =>
        decodeExecCredential(
          JSON.stringify({ apiVersion: 'x/v0', kind: 'ExecCredential', status: { token: 't' } }),
          v1,
        ),
      /printed apiVersion x\/v0, configured/,
    );
    assert.throws(
      () => decodeExecCredential(JSON.stringify({ apiVersion: v1, kind: 'ExecCredential', status: {} }), v1),
      /no token/,
    );
    assert.throws(
      () =>
        decodeExecCredential(
          JSON.stringify({
            apiVersion: v1,
            kind: 'ExecCredential',
            status: { token: 't', expirationTimestamp: 'soon' },
          }),
          v1,
        ),
      /invalid expirationTimestamp/,
    );
    const both = decodeExecCredential(
      JSON.stringify({
        apiVersion: v1,
        kind: 'ExecCredential',
        status: { clientCertificateData: 'C', clientKeyData: 'K' },
      }),
      v1,
    );
    assert.equal(both.clientCertificateData, 'C');
  });

  it('parses kubectl exec fields and rejects bad ones', () => {
    const cfg = parseExecConfig({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token'],
      env: [{ name: 'AWS_PROFILE', value: 'p' }],
      installHint: 'install aws',
      provideClusterInfo: true,
      interactiveMode: 'Never',
    });
    assert.deepEqual(cfg.env, [{ name: 'AWS_PROFILE', value: 'p' }]);
    assert.equal(cfg.provideClusterInfo, true);
    assert.equal(cfg.interactiveMode, 'Never');
    assert.throws(
      () => parseExecConfig({ command: 'x', apiVersion: 'client.authentication.k8s.io/v1alpha1' }),
      /apiVersion/,
    );
    assert.throws(
      () => parseExecConfig({ command: 'x', apiVersion: 'client.authentication.k8s.io/v1', args: [1] }),
      /args/,
    );
    assert.throws(
      () => parseExecConfig({ command: 'x', apiVersion: 'client.authentication.k8s.io/v1', env: {} }),
      /env/,
    );
  });
});
