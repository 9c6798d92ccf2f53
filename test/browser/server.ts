// A tiny static server for the browser tests: the page (rendered by the host's own HTML/CSP
// template), the webview bundle, media/ and the test theme.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { renderEventsHtml } from '../../src/host/webviews/html';
import { TEST_BUNDLE } from './l10nScenarios';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.html': 'text/html',
};

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/** startServer serves `/` (the page), `/dist/webview.js` from `bundle`, `/media/*` and `/test/*`. */
export async function startServer(root: string, bundle: string): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const origin = `http://${req.headers.host}`;
      if (url.pathname === '/') {
        const html = renderEventsHtml({
          cspSource: origin,
          nonce: randomBytes(18).toString('base64url'),
          scriptUri: `${origin}/dist/webview.js`,
          styleUris: [
            `${origin}/media/codicons/codicon.css`,
            `${origin}/media/events.css`,
            `${origin}/test/theme.css`,
          ],
          // `?l10n=test`: the strings a translated VS Code would hand the page.
          l10n: url.searchParams.get('l10n') === 'test' ? TEST_BUNDLE : undefined,
        });
        res.writeHead(200, { 'content-type': 'text/html' }).end(html);
        return;
      }
      let file: string | undefined;
      if (url.pathname === '/dist/webview.js') file = bundle;
      else if (url.pathname.startsWith('/media/')) file = path.join(root, url.pathname);
      else if (url.pathname === '/test/theme.css') file = path.join(root, 'test/browser/theme.css');
      if (!file || !path.resolve(file).startsWith(root)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res
          .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
          .end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
