/**
 * fixtures: a tiny scripted HTTP(S) server for the kube adapter tests, and a static credential
 * source. Each test installs a handler; the server counts connections.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import type { CredentialSource, Credentials } from '../../../src/kube/credentials';

export interface ScriptedServer {
  url: string;
  connections: () => number;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  handle: (h: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) => void;
  close: () => Promise<void>;
}

export async function startScriptedServer(tls?: { key: string; cert: string }): Promise<ScriptedServer> {
  let handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void = (_q, s) => {
    s.statusCode = 404;
    s.end();
  };
  const requests: ScriptedServer['requests'] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  };
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest)
    : http.createServer(onRequest);
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections: () => connections,
    requests,
    handle: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** StaticCredentials hands out tokens from a list; invalidate() moves to the next one. */
export class StaticCredentials implements CredentialSource {
  gets = 0;
  invalidations = 0;
  private index = 0;
  constructor(private readonly tokens: string[]) {}
  async get(): Promise<Credentials> {
    this.gets++;
    return { headers: { Authorization: `Bearer ${this.tokens[this.index]}` }, generation: this.index };
  }
  invalidate(stale?: Credentials): void {
    if (stale && stale.generation !== this.index) return;
    this.invalidations++;
    this.index = Math.min(this.index + 1, this.tokens.length - 1);
  }
}

export function status(
  res: http.ServerResponse,
  code: number,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
) {
  res.writeHead(code, { 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message }));
}

export function pod(name: string, rv: string, ns = 'default') {
  return { metadata: { name, namespace: ns, uid: `uid-${name}`, resourceVersion: rv } };
}

/** writeExecPlugin writes a node script that counts its runs and prints an ExecCredential. */
export function writeExecPlugin(
  dir: string,
  opts: { expiresInMs?: number; delayMs?: number; bad?: boolean } = {},
) {
  const counter = path.join(dir, 'count');
  const script = path.join(dir, 'plugin.cjs');
  fs.writeFileSync(
    script,
    `const fs = require('fs');
const f = ${JSON.stringify(counter)};
const n = (fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) : 0) + 1;
fs.writeFileSync(f, String(n));
const status = { token: 'exec-token-' + n };
${opts.expiresInMs !== undefined ? `status.expirationTimestamp = new Date(Date.now() + ${opts.expiresInMs}).toISOString();` : ''}
setTimeout(() => {
  process.stdout.write(${opts.bad ? "'not json exec-token-' + n" : "JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status })"});
}, ${opts.delayMs ?? 0});
`,
  );
  return { script, runs: () => (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) };
}

export function execKubeconfig(script: string, server = 'https://127.0.0.1:1'): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server } }],
    users: [
      {
        name: 'u',
        user: {
          exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script] },
        },
      },
    ],
    contexts: [
      { name: 'one', context: { cluster: 'c', user: 'u' } },
      { name: 'two', context: { cluster: 'c', user: 'u' } },
    ],
  });
}
