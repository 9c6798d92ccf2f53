/**
 * statusLog: the output channel's lines about context status. No vscode import: unit-tested under
 * plain Node with the host's LogLimiter and a fake clock.
 */
import type { ContextStatus } from '../../core/cluster/status';
import type { Logger } from '../../core/util/logger';
import { describeStatus, StatusTransitions } from './statusText';

/**
 * StatusLog writes one line per status *transition* of a context (phase, reason or
 * partial-ness changed: `prod: retrying: ECONNRESET`), never for an object count: the hundreds
 * of count updates a busy cluster makes a second change nothing in the log. How often a
 * flapping context may write is the logger's business (the host's LogLimiter: a few lines,
 * then one a minute with a summary of what it held back).
 */
export class StatusLog {
  private readonly transitions = new StatusTransitions();

  constructor(private readonly logger: Logger) {}

  /** update logs `status` when it is a transition for `context`, and says whether it was. */
  update(context: string, status: ContextStatus): boolean {
    if (!this.transitions.changed(context, status)) return false;
    this.logger.info(`${context}: ${describeStatus(status, { count: false })}`);
    return true;
  }

  /** forget drops a context (removed from the kubeconfig). */
  forget(context: string): void {
    this.transitions.forget(context);
  }
}
