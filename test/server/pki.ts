/**
 * pki: the test server's certificate authority, made with the openssl CLI. The CA and the
 * server certificate (SANs 127.0.0.1 and localhost) are generated once per machine into
 * os.tmpdir() and reused; client certificates are issued on demand, signed by that CA.
 */
import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { promises as fsp, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL ?? 'openssl';
const CACHE_DIR = join(tmpdir(), 'kube-events-test-pki-v1');

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = kube-events-test-ca
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;

/** Pki holds the CA and server key material, all PEM. */
export interface Pki {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

function newKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function serial(): string {
  return '0x' + randomBytes(12).toString('hex');
}

async function generate(dir: string): Promise<void> {
  await fsp.writeFile(join(dir, 'openssl.cnf'), OPENSSL_CONFIG);
  await fsp.writeFile(join(dir, 'ca.key'), newKeyPem(), { mode: 0o600 });
  await fsp.writeFile(join(dir, 'server.key'), newKeyPem(), { mode: 0o600 });
  const cfg = join(dir, 'openssl.cnf');
  await run(OPENSSL, [
    'req',
    '-x509',
    '-new',
    '-config',
    cfg,
    '-extensions',
    'v3_ca',
    '-key',
    join(dir, 'ca.key'),
    '-days',
    '3650',
    '-sha256',
    '-out',
    join(dir, 'ca.crt'),
  ]);
  await run(OPENSSL, [
    'req',
    '-new',
    '-config',
    cfg,
    '-key',
    join(dir, 'server.key'),
    '-subj',
    '/CN=kube-events-test-apiserver',
    '-out',
    join(dir, 'server.csr'),
  ]);
  await run(OPENSSL, [
    'x509',
    '-req',
    '-in',
    join(dir, 'server.csr'),
    '-CA',
    join(dir, 'ca.crt'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-set_serial',
    serial(),
    '-days',
    '3650',
    '-sha256',
    '-extfile',
    cfg,
    '-extensions',
    'v3_server',
    '-out',
    join(dir, 'server.crt'),
  ]);
}

async function readPki(dir: string): Promise<Pki> {
  const [caCertPem, caKeyPem, serverCertPem, serverKeyPem] = await Promise.all(
    ['ca.crt', 'ca.key', 'server.crt', 'server.key'].map((f) => fsp.readFile(join(dir, f), 'utf8')),
  );
  return {
    caCertPem: caCertPem!,
    caKeyPem: caKeyPem!,
    serverCertPem: serverCertPem!,
    serverKeyPem: serverKeyPem!,
  };
}

/**
 * loadPki returns the cached CA and server certificate, generating them on first use. Safe
 * against concurrent processes: generation happens in a private directory that is renamed
 * into place atomically; the loser of a race uses the winner's files.
 */
export async function loadPki(): Promise<Pki> {
  try {
    return await readPki(CACHE_DIR);
  } catch {
    // not generated yet (or incomplete): make it
  }
  const work = await fsp.mkdtemp(join(tmpdir(), 'kube-events-test-pki-'));
  try {
    await generate(work);
    try {
      await fsp.rename(work, CACHE_DIR);
      return await readPki(CACHE_DIR);
    } catch {
      return await readPki(CACHE_DIR).catch(() => readPki(work));
    }
  } finally {
    await fsp.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

function escapeRdn(value: string): string {
  return value.replace(/[\\/,+="<>;#]/g, (c) => '\\' + c);
}

/** issueClientCert signs a client certificate with subject O=groups..., CN=name (synchronous). */
export function issueClientCert(
  pki: Pki,
  name: string,
  groups: string[] = [],
): { certPem: string; keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kube-events-test-client-'));
  try {
    const keyPem = newKeyPem();
    const cfg = join(dir, 'openssl.cnf');
    writeFileSync(cfg, OPENSSL_CONFIG);
    writeFileSync(join(dir, 'client.key'), keyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'ca.crt'), pki.caCertPem);
    writeFileSync(join(dir, 'ca.key'), pki.caKeyPem, { mode: 0o600 });
    const subject = groups.map((g) => `/O=${escapeRdn(g)}`).join('') + `/CN=${escapeRdn(name)}`;
    execFileSync(
      OPENSSL,
      [
        'req',
        '-new',
        '-config',
        cfg,
        '-key',
        join(dir, 'client.key'),
        '-subj',
        subject,
        '-out',
        join(dir, 'client.csr'),
      ],
      { stdio: 'pipe' },
    );
    execFileSync(
      OPENSSL,
      [
        'x509',
        '-req',
        '-in',
        join(dir, 'client.csr'),
        '-CA',
        join(dir, 'ca.crt'),
        '-CAkey',
        join(dir, 'ca.key'),
        '-set_serial',
        serial(),
        '-days',
        '3650',
        '-sha256',
        '-extfile',
        cfg,
        '-extensions',
        'v3_client',
        '-out',
        join(dir, 'client.crt'),
      ],
      { stdio: 'pipe' },
    );
    return { certPem: readFileSync(join(dir, 'client.crt'), 'utf8'), keyPem };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
