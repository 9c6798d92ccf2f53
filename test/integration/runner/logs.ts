/**
 * logs: what VS Code wrote to our output channel ("Kube Events.log") under a user data folder,
 * across every window and extension host of the session.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** logFiles lists the files called `name` below `userDataDir/logs`. */
function logFiles(userDataDir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === name) out.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return out.sort();
}

/** outputChannelLogs is the text of the Kube Events output channel, one entry per extension host. */
export function outputChannelLogs(userDataDir: string): string[] {
  return logFiles(userDataDir, 'Kube Events.log').map((f) => readFileSync(f, 'utf8'));
}
