/**
 * codeServer: starts and stops code-server (the VS Code server and web workbench, installed by
 * scripts/vscode/setup.sh) and installs extensions into it. One CodeServer is one process group;
 * stop() leaves no process of it running.
 */
import { existsSync, mkdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerEntry, codeServerNode, vscodeFlavor } from './paths';
import { sleep, spawnGroup } from './processes';
import { writeUserSettings } from './settings';

/** CodeServerOptions configure startCodeServer. */
export interface CodeServerOptions {
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
  userDataDir: string;
  extensionsDir: string;
  /** The folder the workbench opens. */
  folder: string;
  /** User settings laid over the defaults of settings.ts (e.g. `kubeEvents.kubeconfig`). */
  settings?: Record<string, unknown>;
  /** Theme for screenshots (default `Default Dark Modern`). */
  colorTheme?: string;
  /** Extra environment for the server and so for its extension host. */
  env?: Record<string, string>;
  /** Forward the server's output to this process's stderr (default: only on failure). */
  verbose?: boolean;
  /** How long to wait for the server to answer (default 60 s). */
  startTimeoutMs?: number;
  /**
   * Start the workbench with VS Code's smoke-test driver (default false). VS Code 1.139 honours
   * the `payload` of extension tests (runExtensionTests) only with it, so the extension-host
   * suite sets it; 1.100 needs none, rejects the option, and so never gets it. Not for the UI
   * tests: with the driver on, 1.139 never shows a notification toast (only the bell counts it).
   */
  smokeTestDriver?: boolean;
}

/** CodeServer is a running server. */
export interface CodeServer {
  /** url is the workbench address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly port: number;
  /** folder is the opened folder, as given. */
  readonly folder: string;
  /** output returns what the server printed so far. */
  output(): string;
  /** stop kills the server's process group and waits until it is gone. */
  stop(): Promise<void>;
}

/** freePort asks the OS for a port that is free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** serverEnv is this process's environment without variables from an enclosing VS Code. */
function serverEnv(extra: Record<string, string>, configFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  return { ...env, CODE_SERVER_CONFIG: configFile, ...extra };
}

/** assertInstalled throws a message that says how to install code-server. */
function assertInstalled(): void {
  if (!existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed at ${codeServerEntry}: run scripts/vscode/setup.sh`);
  }
}

/** startCodeServer writes the user settings, starts code-server and waits until it serves. */
export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  assertInstalled();
  const port = o.port ?? (await freePort());
  for (const dir of [o.userDataDir, o.extensionsDir, o.folder]) mkdirSync(dir, { recursive: true });
  writeUserSettings(o.userDataDir, o.colorTheme ?? 'Default Dark Modern', o.settings ?? {});
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    // See CodeServerOptions.smokeTestDriver: 1.139 only, and only when asked for.
    ...(o.smokeTestDriver && vscodeFlavor === 'newest'
      ? ['--vscode-option', 'enable-smoke-test-driver']
      : []),
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
    o.folder,
  ];
  const env = serverEnv(o.env ?? {}, path.join(o.userDataDir, 'code-server.yaml'));
  const group = spawnGroup(codeServerNode, args, env);
  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
    if (o.verbose) process.stderr.write(chunk);
  };
  group.child.stdout?.on('data', collect);
  group.child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + (o.startTimeoutMs ?? 60_000);
  let exited: number | string | undefined;
  void group.exited.then((code) => (exited = code));
  while (!(await answers(`${url}healthz`))) {
    if (exited !== undefined || Date.now() > deadline) {
      await group.stop();
      const why = exited !== undefined ? `exited (${exited})` : 'did not answer in time';
      throw new Error(`code-server ${why}; its output:\n${out}`);
    }
    await sleep(100);
  }
  return { url, port, folder: o.folder, output: () => out, stop: () => group.stop() };
}

/** answers reports whether `url` responds with a 2xx status. */
async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** InstallOptions say where installVsix installs. */
export interface InstallOptions {
  userDataDir: string;
  extensionsDir: string;
}

/**
 * installVsix installs the extension package at `vsixPath` into `o.extensionsDir` with
 * code-server's `--install-extension`; it rejects with the tool's output when that fails.
 */
export async function installVsix(vsixPath: string, o: InstallOptions): Promise<void> {
  assertInstalled();
  if (!existsSync(vsixPath)) throw new Error(`no VSIX at ${vsixPath}: run npm run package`);
  for (const dir of [o.userDataDir, o.extensionsDir]) mkdirSync(dir, { recursive: true });
  const args = [
    codeServerEntry,
    '--user-data-dir',
    o.userDataDir,
    '--extensions-dir',
    o.extensionsDir,
    '--install-extension',
    path.resolve(vsixPath),
    '--force',
  ];
  const group = spawnGroup(codeServerNode, args, serverEnv({}, path.join(o.userDataDir, 'code-server.yaml')));
  let out = '';
  group.child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  group.child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timed out'), 120_000)));
  const code = await Promise.race([group.exited, timeout]);
  clearTimeout(timer);
  await group.stop();
  if (code !== 0) throw new Error(`code-server --install-extension ${vsixPath} failed (${code}):\n${out}`);
}
