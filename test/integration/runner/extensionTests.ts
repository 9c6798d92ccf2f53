/**
 * extensionTests: runs an extension's test module inside code-server's extension host, the way
 * VS Code's own browser integration tests do. The workbench is opened with a `payload` query
 * parameter naming the extension under development and the tests; the workbench reports the
 * test run's exit code through `window.codeAutomationExit` and its log through
 * `window.codeAutomationLog`, both exposed by Playwright before the page loads.
 */
import { format } from 'node:util';
import { type Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { type CodeServer } from './codeServer';

/** ExtensionTestsOptions configure runExtensionTests. */
export interface ExtensionTestsOptions {
  server: CodeServer;
  /** Absolute path of the extension's folder (its package.json). */
  extensionDevelopmentPath: string;
  /** Absolute path of the folder (or file) whose module exports `run()`. */
  extensionTestsPath: string;
  /** A page that has never run tests (the exposed functions are per page); default: a fresh Chromium, closed at the end. */
  page?: Page;
  /** Give up after this long (default 300 s). */
  timeoutMs?: number;
  /**
   * Receives each log entry (console output of the workbench and of the extension host, which
   * includes the test reporter's); default: printed to stdout.
   */
  log?: (line: string) => void;
}

/** remoteUri names a server-side path as the web workbench sees it. */
function remoteUri(server: CodeServer, absPath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${absPath}`;
}

/** testsUrl is the workbench address that starts the extension tests. */
export function testsUrl(o: ExtensionTestsOptions): string {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(o.server, o.extensionDevelopmentPath)],
    ['extensionTestsPath', remoteUri(o.server, o.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const folder = encodeURIComponent(o.server.folder);
  return `${o.server.url}?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** formatArgs renders codeAutomationLog's arguments (console.log's, format string first) as text. */
function formatArgs(args: unknown): string {
  return format(...(Array.isArray(args) ? args : [args]));
}

/**
 * runExtensionTests resolves with the test run's exit code (0: all passed). It rejects when
 * the page fails to load or no exit code arrives within `timeoutMs`; the error says which.
 */
export async function runExtensionTests(o: ExtensionTestsOptions): Promise<number> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const browser = o.page ? undefined : await launchBrowser();
  const page = o.page ?? browser!.page;
  const timeoutMs = o.timeoutMs ?? 300_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    let finish: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve, reject) => {
      finish = resolve;
      timer = setTimeout(
        () =>
          reject(
            new Error(`extension tests did not finish within ${timeoutMs} ms (${o.extensionTestsPath})`),
          ),
        timeoutMs,
      );
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) =>
      log(`${type === 'error' ? '[error] ' : ''}${formatArgs(args)}`),
    );
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    await page.goto(testsUrl(o));
    return await exit;
  } finally {
    clearTimeout(timer);
    await browser?.close();
  }
}
