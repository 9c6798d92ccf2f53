/**
 * namespace: `kubectl describe namespace` (describeNamespace), with its Resource Quotas and
 * Resource Limits blocks from the cached ResourceQuotas and LimitRanges when the caller can look
 * them up (each block is left out otherwise, as kubectl leaves it out when the server does not
 * serve the kind); unlike kubectl, the namespace's own Events are appended (kubectl prints none).
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { rec, recs, str } from './fields';
import { describeLimitRangesBlock, describeResourceQuotasBlock } from './policy';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';

/** describeNamespace renders a Namespace as `kubectl describe namespace` does, plus Events. */
export function describeNamespace(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const status = rec(obj.status);
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Status:\t${str(status.phase)}\n`);
  const conditions = recs(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${str(c.type)}\t${str(c.status)}\t${ctx.time(c.lastTransitionTime)}\t${str(c.reason)}\t${str(c.message)}\n`,
      );
    }
  }
  const { resourceQuotasIn, limitRangesIn } = ctx.related;
  if (resourceQuotasIn) {
    w.write(LEVEL_0, '\n');
    describeResourceQuotasBlock(w, resourceQuotasIn(str(meta.name)));
  }
  if (limitRangesIn) {
    w.write(LEVEL_0, '\n');
    describeLimitRangesBlock(w, limitRangesIn(str(meta.name)));
  }
  if (resourceQuotasIn || limitRangesIn) w.flush();
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
