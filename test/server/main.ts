/**
 * main: run the test API server as a program, for the demo and manual poking.
 *
 *   npx tsx test/server/main.ts [--port N] [--kubeconfig-out FILE] [--user NAME] [--no-tls]
 *
 * Starts a server with NAME (default `admin`) granted everything, writes a kubeconfig for it
 * when asked, prints the URL, and stops cleanly on SIGINT/SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startTestServer } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const user = arg('--user') ?? 'admin';
  const server = await startTestServer({
    port: Number(arg('--port') ?? 0),
    tls: !process.argv.includes('--no-tls'),
  });
  const token = randomBytes(16).toString('hex');
  server.addTokenUser(user, token);
  server.grantAll(user);
  const out = arg('--kubeconfig-out');
  if (out) writeFileSync(out, server.kubeconfig({ user, token }), { mode: 0o600 });
  process.stdout.write(`${server.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
