/**
 * schedulerMessage: parses the message of a FailedScheduling event, as written by the
 * scheduler's FitError.Error() (pkg/scheduler/schedule_one.go):
 *
 *   "0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}.
 *    preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.."
 *
 * i.e. `0/N nodes are available:` then either a PreFilter message or the histogram of filter
 * reasons ("<count> <reason>", sorted as strings, joined by ", ") each section closed by ".",
 * then optionally the PostFilter (preemption) message in the same shape. Older schedulers
 * wrote "0/N nodes are available: ..." without the preemption part, and some errors are not
 * FitErrors at all ("no nodes available to schedule pods", "running PreBind plugin ...").
 * Bounded by LIMITS; never throws.
 */
import { LIMITS } from './types';

/** SchedReason is one histogram entry: `count` nodes rejected for `text`. */
export interface SchedReason {
  count: number;
  text: string;
}

/** SchedulerMessage is a parsed FitError message. */
export interface SchedulerMessage {
  /** N of "0/N nodes are available"; undefined when the message is not a FitError. */
  totalNodes: number | undefined;
  reasons: SchedReason[];
  /** A PreFilter rejection that applies to every node (e.g. a missing PVC). */
  preFilter: string | undefined;
  /** The preemption verdict, e.g. "Preemption is not helpful for scheduling". */
  preemption: SchedReason[];
  /** The raw message when it is not a FitError (bounded). */
  other: string | undefined;
  /** Reasons beyond LIMITS.schedulerReasons were dropped. */
  truncated: boolean;
}

const HEAD = /^0\/(\d{1,7}) nodes are available:\s*/;
const PREEMPTION = /(?:^|\s)(?:[a-z ,]*, )?preemption: /;

function parseSection(
  body: string,
  out: SchedReason[],
  limit: number,
): { preFilter?: string; truncated: boolean } {
  // body: "3 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}." (trailing dot).
  let text = body.trim();
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (!/^\d+ /.test(text)) return { preFilter: text, truncated: false };
  // Split on ", <digits> " so that commas inside a reason ({a: b, c}) do not split it.
  const parts = text.split(/, (?=\d+ )/);
  let truncated = false;
  for (const p of parts) {
    const m = /^(\d+) (.+)$/s.exec(p);
    if (!m) continue;
    if (out.length >= limit) {
      truncated = true;
      break;
    }
    out.push({ count: Number(m[1]), text: m[2]!.trim() });
  }
  return { truncated };
}

/** parseSchedulerMessage parses a FailedScheduling message; unknown shapes land in `other`. */
export function parseSchedulerMessage(message: string): SchedulerMessage {
  const msg = message.slice(0, LIMITS.messageChars).replace(/\s+/g, ' ').trim();
  const result: SchedulerMessage = {
    totalNodes: undefined,
    reasons: [],
    preFilter: undefined,
    preemption: [],
    other: undefined,
    truncated: message.length > LIMITS.messageChars,
  };
  const head = HEAD.exec(msg);
  if (!head) {
    result.other = msg;
    return result;
  }
  result.totalNodes = Number(head[1]);
  let rest = msg.slice(head[0].length);
  let post: string | undefined;
  const pm = PREEMPTION.exec(rest);
  if (pm) {
    post = rest.slice(pm.index + pm[0].length);
    rest = rest.slice(0, pm.index);
  }
  const main = parseSection(rest, result.reasons, LIMITS.schedulerReasons);
  result.preFilter = main.preFilter || undefined;
  result.truncated ||= main.truncated;
  if (post !== undefined) {
    const body = post.replace(HEAD, '');
    const p = parseSection(body.replace(/\.+$/, ''), result.preemption, LIMITS.schedulerReasons);
    if (p.preFilter) result.preemption.push({ count: result.totalNodes, text: p.preFilter });
  }
  return result;
}
