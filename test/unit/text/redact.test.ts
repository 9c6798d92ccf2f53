import * as assert from 'node:assert/strict';
import { MAX_REDACT_INPUT, REDACTED, redactSecrets } from '../../../src/core/text/redact';

const R = REDACTED;
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('text/redactSecrets', () => {
  // [input, expected]: every form a server, a proxy or a plugin has been seen to echo back.
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-123', `Authorization: Bearer ${R}`],
    ['authorization=Basic dXNlcjpwYXNz', `authorization=Basic ${R}`],
    ['{"Authorization":"Bearer s3cr3t-token"}', `{"Authorization":"Bearer ${R}"}`],
    [
      'Proxy-Authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF',
      `Proxy-Authorization: Negotiate ${R}`,
    ],
    ['request failed with Bearer 0123456789abcdef', `request failed with Bearer ${R}`],
    ['proxy said: basic YWRtaW46aHVudGVyMg==', `proxy said: basic ${R}`],
    ['Cookie: session=abc123; other=1', `Cookie: ${R}`],
    ['X-Auth-Token: 9f8e7d6c5b4a', `X-Auth-Token: ${R}`],
    ['connect https://admin:hunter2@10.0.0.1:6443/api', 'connect https://***@10.0.0.1:6443/api'],
    ['GET http://tok3n@proxy.local/x', 'GET http://***@proxy.local/x'],
    ['dial admin:hunter2@10.0.0.1:6443 refused', 'dial ***@10.0.0.1:6443 refused'],
    ['password=hunter2 user=bob', `password=${R} user=bob`],
    ['{"password":"hunter2","user":"bob"}', `{"password":${R},"user":"bob"}`],
    ["client_secret: 'abc def'", `client_secret: ${R}`],
    ['refresh-token: 1//0gAbCdEf', `refresh-token: ${R}`],
    ['id-token=eyJshort', `id-token=${R}`],
    ['?access_token=AbC123&x=1', `?access_token=${R}&x=1`],
    ['api_key = 12345678', `api_key = ${R}`],
    ['client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==', `client-key-data: ${R}`],
    ['secret: s3cr3t', `secret: ${R}`],
    ['oidc: refresh token 1//04dXyZ-AbCdEfGhIjKlMnOp failed', `oidc: refresh token ${R} failed`],
    ['the token is Zm9vYmFyYmF6cXV4', `the token is ${R}`],
    ['invalid password Hunter2Hunter2', `invalid password ${R}`],
    ['Unauthorized: user "bob:hunter2"', `Unauthorized: user "bob:${R}"`],
    ["username 'alice:p4ss w'", `username 'alice:${R} w'`],
    [`token ${JWT}`, `token ${R}`],
    [`saw ${JWT} in body`, `saw ${R} in body`],
    ['oauth sha256~AbCdEfGhIjKlMnOpQrStUvWxYz012345 rejected', `oauth ${R} rejected`],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => assert.equal(redactSecrets(input), expected));
  }

  // Ordinary Kubernetes text must survive: it is what the user needs to read.
  const kept = [
    'User "system:serviceaccount:kube-system:default" cannot list resource "pods"',
    'User "system:anonymous" cannot get path "/"',
    'MountVolume.SetUp failed for volume "creds" : secret "db-password" not found',
    'Failed to pull image "nginx:1.25@sha256:0123456789abcdef0123456789abcdef": not found',
    'invalid bearer token',
    'token has expired',
    'password authentication failed',
    'Unauthorized',
    'Back-off restarting failed container app in pod web-1',
    "couldn't find key password in Secret default/db",
    'see https://kubernetes.io/docs/concepts/ for details',
  ];
  for (const text of kept) {
    it(`keeps ${JSON.stringify(text)}`, () => assert.equal(redactSecrets(text), text));
  }

  it('never leaves the secret anywhere in the output', () => {
    const secrets = ['hunter2', 'dXNlcjpwYXNz', 's3cr3t-token', JWT, '1//04dXyZ-AbCdEfGhIjKlMnOp'];
    const text = [
      `Authorization: Basic ${secrets[1]}`,
      `https://bob:${secrets[0]}@h/`,
      `Bearer ${secrets[2]}`,
      `id ${secrets[3]}`,
      `refresh token ${secrets[4]}`,
    ].join('\n');
    const out = redactSecrets(text);
    for (const s of secrets) assert.ok(!out.includes(s), `${s} leaked: ${out}`);
  });

  it('tolerates non-strings and bounds its input (MAX_REDACT_INPUT), redacting a cut secret', () => {
    assert.equal(redactSecrets(undefined), '');
    assert.equal(redactSecrets(42), '');
    // Pathological repetitions of every pattern's opening: the output is bounded, never the input.
    const openings = [
      'a:',
      'user=',
      'token ',
      'x@',
      'Bearer ',
      'https://a',
      'eyJ.',
      'password=',
      'Authorization: ',
    ];
    for (const unit of openings) {
      const out = redactSecrets(unit.repeat(1_000_000 / unit.length));
      assert.ok(out.length <= 4 * MAX_REDACT_INPUT, `${unit}: ${out.length}`);
    }
    const cut = redactSecrets(`${'x'.repeat(MAX_REDACT_INPUT - 20)} Bearer ${'s'.repeat(100)}`);
    assert.ok(!cut.includes('sss'), 'the cut secret is still redacted');
  });
});
