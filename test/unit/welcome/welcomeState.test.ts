import * as assert from 'node:assert/strict';
import { loadKubeconfigs } from '../../../src/kube/kubeconfig';
import {
  kubeconfigProblem,
  kubeconfigSource,
  problemLocation,
  welcomeState,
} from '../../../src/core/welcome/welcomeState';

const base = { started: true, existingFiles: 1, problems: [], phases: [] as string[] };

describe('welcome state', () => {
  it('is loading until the kubeconfig was read', () => {
    assert.equal(welcomeState({ ...base, started: false, existingFiles: 0 }), 'loading');
  });

  it('tells no kubeconfig, a parse error and no contexts apart when there is no context', () => {
    assert.equal(welcomeState({ ...base, existingFiles: 0 }), 'noKubeconfig');
    const problems = [{ path: '/k', reason: 'bad' }];
    assert.equal(welcomeState({ ...base, problems }), 'parseError');
    assert.equal(welcomeState({ ...base, existingFiles: 0, problems }), 'parseError');
    assert.equal(welcomeState(base), 'noContexts');
  });

  it('is allDisconnected only when every context is disconnected, and ready otherwise', () => {
    assert.equal(welcomeState({ ...base, phases: ['disconnected', 'disconnected'] }), 'allDisconnected');
    assert.equal(welcomeState({ ...base, phases: ['disconnected', 'connecting'] }), 'ready');
    assert.equal(welcomeState({ ...base, phases: ['error'] }), 'ready');
    // Contexts from another file load: the error shows as a row, not as the empty state.
    assert.equal(
      welcomeState({ ...base, problems: [{ path: '/k', reason: 'x' }], phases: ['synced'] }),
      'ready',
    );
  });

  it('names the source of the kubeconfig paths in kubectl order', () => {
    assert.equal(kubeconfigSource(['/a'], '/b'), 'setting');
    assert.equal(kubeconfigSource([' '], '/b:/c'), 'env');
    assert.equal(kubeconfigSource([], '::'), 'default');
    assert.equal(kubeconfigSource([], undefined), 'default');
    assert.equal(kubeconfigSource([], 'C:\\k', ';'), 'env');
  });
});

describe('kubeconfig problem', () => {
  it("reads line and column of the loader's YAML error, and drops the file name", () => {
    const text = 'apiVersion: v1\nclusters:\n  - name: a\n   bad: [\n';
    const [err] = loadKubeconfigs(['/home/u/.kube/config'], () => text).errors;
    const p = kubeconfigProblem(err!);
    assert.equal(p.path, '/home/u/.kube/config');
    assert.ok(p.line! >= 3 && p.line! <= 5, `line ${p.line}`);
    assert.ok(p.column! >= 1, `column ${p.column}`);
    assert.doesNotMatch(p.reason, /\/home\/u|at line/);
    assert.match(p.reason, /bad indentation/);
  });

  it('prefers structured positions: 1-based line/column, else a 0-based js-yaml mark', () => {
    const structured = { path: '/k', message: '/k: invalid YAML at line 9, column 9: x', line: 3, column: 7 };
    assert.deepEqual(kubeconfigProblem(structured), {
      path: '/k',
      line: 3,
      column: 7,
      reason: 'invalid YAML: x',
    });
    const marked = { path: '/k', message: 'bad indentation', mark: { line: 0, column: 4 } };
    assert.deepEqual(kubeconfigProblem(marked), {
      path: '/k',
      line: 1,
      column: 5,
      reason: 'bad indentation',
    });
  });

  it('drops positions that are not positive integers, bounds the reason, never throws', () => {
    const weird = { path: '/k', message: 'x'.repeat(5000), line: -1, column: 2.5 };
    const p = kubeconfigProblem(weird);
    assert.equal(p.line, undefined);
    assert.equal(p.column, undefined);
    assert.equal(p.reason.length, 300);
    assert.deepEqual(kubeconfigProblem({ path: '/k', message: '' }), { path: '/k', reason: 'cannot read' });
  });

  it('renders file:line:column, shortening the file as asked', () => {
    const base = (f: string) => f.split('/').pop()!;
    assert.equal(problemLocation({ path: '/a/config', line: 3, column: 5, reason: '' }, base), 'config:3:5');
    assert.equal(problemLocation({ path: '/a/config', line: 3, reason: '' }), '/a/config:3');
    assert.equal(problemLocation({ path: '/a/config', reason: '' }), '/a/config');
  });
});
