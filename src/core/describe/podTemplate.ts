/**
 * podTemplate: kubectl's DescribePodTemplate, the `Pod Template:` block every workload prints.
 */

import { describeContainers, describeTopologySpreadConstraints } from './containers';
import {
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  type TimeFormatter,
} from './format';
import { rec, recs, str } from './fields';
import { type DescribeWriter, LEVEL_0, LEVEL_1 } from './printer';
import { describeVolumes } from './volumes';

/** describePodTemplate writes `Pod Template:` with labels, containers, volumes and scheduling. */
export function describePodTemplate(w: DescribeWriter, template: unknown, time: TimeFormatter): void {
  // Every kind described here embeds its template by value, so kubectl never sees it nil: an
  // absent template prints like an empty one.
  w.write(LEVEL_0, 'Pod Template:\n');
  const meta = rec(rec(template).metadata);
  const spec = rec(rec(template).spec);
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(rec(meta.annotations)).length > 0)
    printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (str(spec.serviceAccountName)) w.write(LEVEL_1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  const init = recs(spec.initContainers);
  if (init.length > 0) describeContainers(w, 'Init Containers', init, undefined, undefined, '  ', time);
  describeContainers(w, 'Containers', recs(spec.containers), undefined, undefined, '  ', time);
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (str(spec.priorityClassName)) w.write(LEVEL_1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
