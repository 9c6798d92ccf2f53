/**
 * suiteLog: splits the log of an extension-host test run into the test reporter's lines, which
 * are printed as they come, and the workbench's own chatter, which goes to a file (and is
 * printed by dumpChatter when the run fails). The split follows the markers the suite prints.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { suiteBegin, suiteEnd } from '../suite/markers';

/** SuiteLog receives log entries from runExtensionTests. */
export interface SuiteLog {
  /** log files or prints one entry (possibly several lines). */
  log(entry: string): void;
  /** dumpChatter prints the workbench chatter gathered so far. */
  dumpChatter(): void;
}

/** suiteLog writes chatter to `chatterFile`, replacing what was there. */
export function suiteLog(chatterFile: string): SuiteLog {
  writeFileSync(chatterFile, '');
  let inSuite = false;
  return {
    log(entry) {
      if (entry.includes(suiteBegin)) inSuite = true;
      else if (entry.includes(suiteEnd)) inSuite = false;
      else if (inSuite) process.stdout.write(`${entry}\n`);
      else appendFileSync(chatterFile, `${entry}\n`);
    },
    dumpChatter() {
      process.stderr.write(`workbench log (${chatterFile}):\n${readFileSync(chatterFile, 'utf8')}\n`);
    },
  };
}
