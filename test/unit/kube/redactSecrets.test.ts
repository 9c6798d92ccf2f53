import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/kube/redactSecrets';

// One rule set (src/core/text/redact.ts) for kube and core: URL userinfo shows as `***@`, a JWT
// as <redacted>, and prose tokens must look like secrets (digits, mixed case, symbols or 24+).
describe('redactSecrets (exec plugin stderr, issuer errors)', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer <redacted>'],
    ['basic dXNlcjpwYXNz failed', 'basic <redacted> failed'],
    ['GET https://admin:hunter2@k.example/api', 'GET https://***@k.example/api'],
    ['{"token": "s3cr3t", "kind": "x"}', '{"token": <redacted>, "kind": "x"}'],
    ['client_secret=abc&x=1', 'client_secret=<redacted>&x=1'],
    ['password: pw123', 'password: <redacted>'],
    [
      'invalid_grant: refresh_token=r0-SECRET is expired',
      'invalid_grant: refresh_token=<redacted> is expired',
    ],
    ['{"id-token":"a.b.c","x":1}', '{"id-token":<redacted>,"x":1}'],
    ['refresh token abcd1234efgh5678 expired', 'refresh token <redacted> expired'],
    ['DB_PASSWORD=hunter2 bootstrapToken: abc', 'DB_PASSWORD=<redacted> bootstrapToken: <redacted>'],
    ['id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln end', 'id <redacted> end'],
  ];
  for (const [input, want] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => assert.equal(redactSecrets(input), want));
  }

  it('leaves ordinary words alone', () => {
    const text = 'error: the token has expired; run `aws sso login` (tokenFile /home/me/tok)';
    assert.equal(redactSecrets(text), text);
  });

  it('runs in linear time on a long line', () => {
    // Not a timing assertion: a catastrophic backtrack would not finish at all.
    const long = `${'token'.repeat(20_000)} ${'a-'.repeat(30_000)} ${'a=a:'.repeat(20_000)} ${'eyJ-'.repeat(20_000)} ${'h.'.repeat(20_000)}`;
    assert.equal(typeof redactSecrets(long), 'string');
  });
});
