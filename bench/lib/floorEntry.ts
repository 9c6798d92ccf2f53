/**
 * floorEntry: the bare-HTTP floor of scenario 15, bundled like the engine and run in its own
 * process. It sends the engine's own LIST requests (`resourceVersion=0&limit=500`, then
 * `continue` + `limit` while the server pages, gzip accepted, one keep-alive agent, the kinds in
 * parallel), reads each body whole, `JSON.parse`s it and keeps every item as parsed (no strip,
 * no index, no watch). It prints one JSON line and exits:
 *
 *   node floor.js '{"server":"https://…","caFile":"…","token":"…","paths":["/api/v1/pods"],"limit":500}'
 *
 * The child must not be trusted less than a client: every response is bounded (status 200,
 * MAX_BODY bytes, MAX_PAGES pages, a 10-minute deadline).
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import * as zlib from 'node:zlib';

interface Options {
  server: string;
  caFile: string;
  token: string;
  paths: string[];
  limit: number;
}

interface List {
  items?: unknown[];
  metadata?: { continue?: string; resourceVersion?: string };
}

const MAX_BODY = 1024 * 1024 * 1024;
const MAX_PAGES = 10_000;
const loadedMs = performance.now();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const loadedCpuMs = cpuMs();
const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(opts.caFile) });

/** get reads one response whole (gunzipped when the server gzipped it) and parses it. */
function get(url: URL): Promise<List> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      {
        agent,
        headers: {
          Authorization: `Bearer ${opts.token}`,
          Accept: 'application/json',
          'Accept-Encoding': 'gzip',
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${url.pathname}: HTTP ${res.statusCode}`));
          return;
        }
        const body = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip()) : res;
        const chunks: Buffer[] = [];
        let bytes = 0;
        body.on('data', (c: Buffer) => {
          bytes += c.length;
          if (bytes > MAX_BODY) req.destroy(new Error(`${url.pathname}: body over ${MAX_BODY} bytes`));
          else chunks.push(c);
        });
        body.on('error', reject);
        body.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as List);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    req.on('error', reject);
  });
}

/** listAll follows `continue` as the engine's lister does, keeping every item. */
async function listAll(path: string): Promise<{ items: unknown[]; pages: number }> {
  const items: unknown[] = [];
  let query: Record<string, string> = { resourceVersion: '0', limit: String(opts.limit) };
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    const url = new URL(opts.server + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const page = await get(url);
    for (const item of page.items ?? []) items.push(item);
    const next = page.metadata?.continue;
    if (!next) return { items, pages };
    query = { limit: String(opts.limit), continue: next };
  }
  throw new Error(`${path}: more than ${MAX_PAGES} pages`);
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    process.stderr.write('floor: not synced within 10 minutes\n');
    process.exit(2);
  }, 600_000);
  const kept = await Promise.all(opts.paths.map(listAll));
  clearTimeout(deadline);
  const syncedMs = performance.now();
  const syncedCpuMs = cpuMs();
  process.stdout.write(
    JSON.stringify({
      type: 'synced',
      loadedMs,
      syncedMs,
      loadedCpuMs,
      syncedCpuMs,
      counts: kept.map((k) => k.items.length),
      pages: kept.map((k) => k.pages),
    }) + '\n',
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`floor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
