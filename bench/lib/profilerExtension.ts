/**
 * profilerExtension: a bench-only VS Code extension that CPU-profiles the extension host it runs
 * in (scenario 9 with --profile). It activates on `*`, so before Kube Events loads, and profiles
 * only when the extension host's environment names a folder (PROFILE_DIR_ENV, set on the
 * code-server the bench starts). Its command "Bench: Next Extension Host CPU Profile" writes the
 * profile so far to `<dir>/<n>.cpuprofile` and starts the next one, so the bench cuts the
 * session into phases (start-up and activation; the 9a stream). The profiler is V8's own, through
 * `node:inspector` in the same process: no debug port is opened.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { vscePackage } from './baselineExtension';
import { ROOT } from './context';

/** PROFILE_DIR_ENV names the folder the profiles are written to; unset, the extension does nothing. */
export const PROFILE_DIR_ENV = 'KUBE_EVENTS_BENCH_PROFILE_DIR';
/** PROFILE_NEXT_TITLE is the command's title in the palette. */
export const PROFILE_NEXT_TITLE = 'Bench: Next Extension Host CPU Profile';

const MAIN = `'use strict';
const fs = require('fs');
const path = require('path');
const inspector = require('inspector');
const vscode = require('vscode');
let session;
let n = 0;
function post(method, params) {
  return new Promise((resolve, reject) =>
    session.post(method, params || {}, (err, res) => (err ? reject(err) : resolve(res))),
  );
}
exports.activate = async function (context) {
  const dir = process.env.${PROFILE_DIR_ENV};
  context.subscriptions.push(
    vscode.commands.registerCommand('kubeEventsBench.cpuProfile.next', async () => {
      if (!session) return;
      const { profile } = await post('Profiler.stop');
      n++;
      fs.writeFileSync(path.join(dir, n + '.cpuprofile'), JSON.stringify(profile));
      await post('Profiler.start');
    }),
  );
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  session = new inspector.Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
};
exports.deactivate = function () {
  if (session) session.disconnect();
};
`;

/**
 * buildProfilerVsix packages the profiler extension into `dir` with vsce and returns the VSIX's
 * path. Throws with vsce's output when packaging fails (at most 2 minutes).
 */
export function buildProfilerVsix(dir: string): string {
  const src = path.join(dir, 'profiler-extension');
  fs.rmSync(src, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  const manifest = {
    name: 'exthost-profiler',
    publisher: 'kube-events-bench',
    displayName: 'Extension host CPU profiler (bench)',
    description: 'Bench only: CPU-profiles the extension host in phases.',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: ['*'],
    contributes: {
      commands: [{ command: 'kubeEventsBench.cpuProfile.next', title: PROFILE_NEXT_TITLE }],
    },
  };
  fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(src, 'extension.js'), MAIN);
  fs.writeFileSync(path.join(src, 'README.md'), '# Extension host CPU profiler (bench)\n');
  fs.writeFileSync(path.join(src, 'LICENSE'), 'MIT\n');
  return vscePackage(src, path.join(dir, 'exthost-profiler.vsix'), 'the profiler extension');
}

/**
 * rebuildWithNames replaces the installed Kube Events bundles under `extensionsDir` with a build
 * that keeps identifiers (scripts/build.mjs --names), so the profile names our functions. The
 * code is the same otherwise (whitespace and syntax still minified).
 */
export function rebuildWithNames(extensionsDir: string, extensionId: string): string {
  const installed = fs
    .readdirSync(extensionsDir)
    .filter((d) => d.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
  if (installed.length !== 1)
    throw new Error(`expected one installed ${extensionId} under ${extensionsDir}: ${installed.join(', ')}`);
  const outdir = path.join(extensionsDir, installed[0]!, 'dist');
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts', 'build.mjs'), '--names', `--outdir=${outdir}`],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (r.status !== 0)
    throw new Error(`build --names failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return outdir;
}
