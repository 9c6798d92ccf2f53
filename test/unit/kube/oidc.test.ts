import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { HTTP_TIMEOUT_MS } from '../../../src/kube/boundedHttp';
import { CredentialProviders } from '../../../src/kube/credentials';
import type { MergedKubeconfig } from '../../../src/kube/kubeconfig';
import { OidcAuth } from '../../../src/kube/oidc';
import { loadPki, type Pki } from '../../server/pki';
import { FakeClock, settle } from '../fakes/fakeClock';
import { startScriptedServer, type ScriptedServer } from './fixtures';

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.sig`;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** issuer answers discovery and refresh-token grants like an OIDC provider. */
function issuer(server: ScriptedServer, tokens: { id: string; refresh?: string }[], extra?: Handler): void {
  let n = 0;
  server.handle((req, res, body) => {
    if (extra && !res.writableEnded) {
      extra(req, res, body);
      if (res.writableEnded || res.headersSent) return;
    }
    if (req.url === '/realm/.well-known/openid-configuration') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ issuer: `${server.url}/realm`, token_endpoint: `${server.url}/realm/token` }));
    } else if (req.url === '/realm/token' && req.method === 'POST') {
      const t = tokens[Math.min(n++, tokens.length - 1)]!;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          id_token: t.id,
          ...(t.refresh ? { refresh_token: t.refresh } : {}),
          token_type: 'Bearer',
        }),
      );
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
}

describe('OIDC auth-provider (our refresh-token grant)', () => {
  let pki: Pki;
  let server: ScriptedServer;
  before(async () => {
    pki = await loadPki();
  });
  beforeEach(async () => {
    server = await startScriptedServer({ key: pki.serverKeyPem, cert: pki.serverCertPem });
  });
  afterEach(() => server.close());

  function merged(config: Record<string, unknown>): MergedKubeconfig {
    return {
      clusters: [],
      contexts: [],
      users: [
        {
          name: 'o',
          user: {
            'auth-provider': {
              name: 'oidc',
              config: {
                'idp-issuer-url': `${server.url}/realm`,
                'client-id': 'kube',
                'client-secret': 'shh',
                'idp-certificate-authority-data': Buffer.from(pki.caCertPem).toString('base64'),
                ...config,
              },
            },
          },
        },
      ],
    };
  }

  it('uses a valid id-token as is, without asking the issuer', async () => {
    const clock = new FakeClock();
    const id = jwt({ exp: clock.now() / 1000 + 3600 });
    issuer(server, []);
    const creds = await new CredentialProviders({ clock })
      .forUser(merged({ 'id-token': id, 'refresh-token': 'r0' }), 'o')
      .get();
    assert.equal(creds.headers.Authorization, `Bearer ${id}`);
    assert.equal(server.requests.length, 0);
  });

  it('refreshes an expired id-token at the discovered token_endpoint over https with the private CA', async () => {
    const clock = new FakeClock();
    const now = clock.now() / 1000;
    const fresh1 = jwt({ exp: now + 3600, n: 1 });
    const fresh2 = jwt({ exp: now + 7200, n: 2 });
    issuer(server, [
      { id: fresh1, refresh: 'r1' },
      { id: fresh2, refresh: 'r2' },
    ]);
    const p = new CredentialProviders({ clock }).forUser(
      merged({ 'id-token': jwt({ exp: now - 10 }), 'refresh-token': 'r0', 'extra-scopes': 'groups,email' }),
      'o',
    );
    const first = await p.get();
    assert.equal(first.headers.Authorization, `Bearer ${fresh1}`);
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.url}`),
      ['GET /realm/.well-known/openid-configuration', 'POST /realm/token'],
    );
    const form = new URLSearchParams(server.requests[1]!.body);
    assert.equal(form.get('grant_type'), 'refresh_token');
    assert.equal(form.get('refresh_token'), 'r0');
    assert.equal(form.get('client_id'), 'kube');
    assert.equal(form.get('client_secret'), 'shh');
    assert.equal(form.get('scope'), 'openid groups email');
    // Cached until 10 s before exp; then refreshed with the rotated refresh token.
    assert.equal(await p.get(), first);
    clock.advance(3600_000 - 10_000);
    const second = await p.get();
    assert.equal(second.headers.Authorization, `Bearer ${fresh2}`);
    assert.equal(new URLSearchParams(server.requests[3]!.body).get('refresh_token'), 'r1');
  });

  it('refreshes after a 401 even when the id-token looks valid', async () => {
    const clock = new FakeClock();
    const id = jwt({ exp: clock.now() / 1000 + 3600 });
    const renewed = jwt({ exp: clock.now() / 1000 + 3600, n: 2 });
    issuer(server, [{ id: renewed }]);
    const p = new CredentialProviders({ clock }).forUser(
      merged({ 'id-token': id, 'refresh-token': 'r0' }),
      'o',
    );
    const first = await p.get();
    p.invalidate(first);
    assert.equal((await p.get()).headers.Authorization, `Bearer ${renewed}`);
  });

  it('reports an issuer refusal without the tokens it echoes', async () => {
    issuer(server, [], (req, res) => {
      if (req.url === '/realm/token') {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'invalid_grant', error_description: 'refresh_token=r0-SECRET is expired' }),
        );
      }
    });
    const p = new CredentialProviders().forUser(merged({ 'refresh-token': 'r0-SECRET' }), 'o');
    await assert.rejects(p.get(), (e: Error) => {
      assert.match(
        e.message,
        /cannot get credentials for user "o": the oidc issuer refused the refresh \(HTTP 400, invalid_grant/,
      );
      assert.doesNotMatch(e.message, /SECRET/);
      return true;
    });
  });

  it('caps the issuer answer (1 MiB) and refuses an http token_endpoint from an https issuer', async () => {
    issuer(server, [], (req, res) => {
      if (req.url?.includes('well-known')) res.end('x'.repeat(1024 * 1024 + 1));
    });
    await assert.rejects(
      new CredentialProviders().forUser(merged({ 'refresh-token': 'r' }), 'o').get(),
      /answer larger than 1024 KiB/,
    );
    server.handle((_req, res) => res.end(JSON.stringify({ token_endpoint: 'http://127.0.0.1:1/token' })));
    await assert.rejects(
      new CredentialProviders().forUser(merged({ 'refresh-token': 'r' }), 'o').get(),
      /token_endpoint that is not https/,
    );
  });

  it('gives up on an issuer that never answers after 30 s', async () => {
    server.handle(() => undefined); // accepts, never answers
    const clock = new FakeClock();
    const auth = new OidcAuth({
      clock,
      config: {
        issuer: `${server.url}/realm`,
        clientId: 'kube',
        refreshToken: 'r',
        ca: Buffer.from(pki.caCertPem),
      },
    });
    const pending = auth.token();
    pending.catch(() => undefined);
    for (let i = 0; i < 200 && server.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.requests.length, 1, 'the discovery request reached the issuer');
    clock.advance(HTTP_TIMEOUT_MS - 1);
    await settle();
    clock.advance(1);
    await assert.rejects(pending, /well-known\/openid-configuration: no complete answer within 30 s/);
  });

  it('says why it cannot refresh when nothing to refresh with', async () => {
    const clock = new FakeClock();
    const p = new CredentialProviders({ clock }).forUser(
      merged({ 'id-token': jwt({ exp: clock.now() / 1000 - 60 }), 'refresh-token': '' }),
      'o',
    );
    await assert.rejects(p.get(), /id-token expired and there is no refresh-token/);
  });
});
