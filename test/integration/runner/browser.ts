/**
 * browser: Debian's Chromium driven by playwright-core. The flags keep it off the network this
 * machine does not have (background networking, component updates, sync) and let it run as root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** chromiumPath is Debian's chromium (installed by scripts/vscode/setup.sh). */
export const chromiumPath = process.env.KUBE_EVENTS_CHROMIUM ?? '/usr/bin/chromium';

/** chromiumArgs are the launch flags from shared/notes/real-vscode.md. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Browser is one Chromium with one page; close() also deletes its profile. */
export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** BrowserOptions configure launchBrowser. */
export interface BrowserOptions {
  /** Run with a window (needs a display); default headless. */
  headed?: boolean;
}

/**
 * launchBrowser starts Chromium with a fresh temporary profile and one 1400x900 page.
 */
export async function launchBrowser(o: BrowserOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kube-events-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: !o.headed,
      args: chromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start ${chromiumPath} (run scripts/vscode/setup.sh): ${String(err)}`, {
      cause: err,
    });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
