/**
 * baselineExtension: the paired baseline of scenario 9b. A minimal VS Code extension whose
 * activate() does what an extension built on @kubernetes/client-node does first: it requires
 * client-node (our own bundle of it, dist/client-node.js, the same file 7b's baseline
 * requires) and reads `KubeConfig`. It activates on the same event as Kube Events
 * (`onView:kubeEvents.resources`), so both are activated by the same click, in the same
 * extension host, under the same machine load: the ratio of the two is what a shared,
 * noisy machine can still compare, where the absolute milliseconds swing with the load.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './context';

/** BASELINE_ID is the baseline extension's id (publisher.name). */
export const BASELINE_ID = 'kube-events-bench.activation-baseline';
/** BASELINE_NAME is its display name, as Running Extensions shows it. */
export const BASELINE_NAME = 'Activation baseline (client-node)';

const MAIN = `'use strict';
exports.activate = function () {
  // What a client-node extension does on activation: load the client and its KubeConfig.
  return { kubeConfig: typeof require('./client-node.js').KubeConfig };
};
exports.deactivate = function () {};
`;

/**
 * buildBaselineVsix packages the baseline extension into `dir` with vsce and returns the
 * VSIX's path. Throws with vsce's output when packaging fails (at most 2 minutes).
 */
export function buildBaselineVsix(dir: string): string {
  const src = path.join(dir, 'baseline-extension');
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  const manifest = {
    name: 'activation-baseline',
    publisher: 'kube-events-bench',
    displayName: BASELINE_NAME,
    description: 'Bench baseline: requires @kubernetes/client-node on activation.',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: ['onView:kubeEvents.resources'],
  };
  fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(src, 'extension.js'), MAIN);
  fs.writeFileSync(
    path.join(src, 'README.md'),
    `# ${BASELINE_NAME}\n\nThe paired baseline of bench scenario 9b.\n`,
  );
  fs.writeFileSync(path.join(src, 'LICENSE'), 'MIT\n');
  fs.copyFileSync(path.join(ROOT, 'dist', 'client-node.js'), path.join(src, 'client-node.js'));
  return vscePackage(src, path.join(dir, 'activation-baseline.vsix'), 'the 9b baseline');
}

/**
 * vscePackage packages the extension folder `src` into `out` with vsce (no dependencies) and
 * returns `out`; throws with vsce's output, naming `what`, when packaging fails (at most 2 minutes).
 */
export function vscePackage(src: string, out: string, what: string): string {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], {
    cwd: src,
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !fs.existsSync(out))
    throw new Error(`vsce package of ${what} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return out;
}
