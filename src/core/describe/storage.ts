/**
 * storage: `kubectl describe` for PersistentVolumeClaim (describePersistentVolumeClaim, with
 * "Used By" from the cached pods of its namespace), PersistentVolume (describePersistentVolume)
 * and StorageClass (describeStorageClass).
 */

import type { KubeObject } from '../cache/types';
import type { Ctx } from './context';
import { describeEvents } from './events';
import {
  byString,
  formatLabels,
  printAnnotationsMultiline,
  printBoolPtr,
  printLabelsMultiline,
  since,
} from './format';
import { has, isSet, rec, recs, str, strMap, strings, type Rec } from './fields';
import { canonical } from './quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './printer';
import { describePersistentVolumeSource } from './pvSources';

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** accessModes is storageutil.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModes(modes: unknown): string {
  const set = new Set(strings(modes));
  return (
    [
      ['ReadWriteOnce', 'RWO'],
      ['ReadOnlyMany', 'ROX'],
      ['ReadWriteMany', 'RWX'],
      ['ReadWriteOncePod', 'RWOP'],
    ] as const
  )
    .filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** goStrings is Go's `%v` of a []string: "[a b]". */
function goStrings(v: unknown): string {
  return `[${strings(v).join(' ')}]`;
}

/** storageQuantity is `list[storage].String()`: "0" when absent. */
function storageQuantity(list: unknown): string {
  const v = rec(list).storage;
  return v === undefined ? '0' : canonical(v) || '0';
}

function claimClass(meta: Rec, spec: Rec): string {
  const annotations = rec(meta.annotations);
  if (typeof annotations[BETA_STORAGE_CLASS] === 'string') return annotations[BETA_STORAGE_CLASS];
  return str(spec.storageClassName);
}

function writeStatus(w: DescribeWriter, meta: Rec, phase: string, now: number): void {
  if (isSet(meta.deletionTimestamp))
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, now)})\n`);
  else w.write(LEVEL_0, `Status:\t${phase}\n`);
}

/** podsUsing is getPodsForPVC: pods mounting the claim (once per such volume), then owner pods not yet listed. */
function podsUsing(pvc: Rec, pods: KubeObject[]): KubeObject[] {
  const meta = rec(pvc.metadata);
  const name = str(meta.name);
  const out: KubeObject[] = [];
  for (const pod of pods) {
    for (const v of recs(rec(pod.spec).volumes)) {
      if (has(v.persistentVolumeClaim) && str(rec(v.persistentVolumeClaim).claimName) === name) out.push(pod);
    }
  }
  for (const owner of recs(meta.ownerReferences)) {
    if (str(owner.kind) !== 'Pod') continue;
    const pod = pods.find((p) => p.metadata?.uid === str(owner.uid));
    if (pod && !out.some((p) => p.metadata?.uid === pod.metadata?.uid)) out.push(pod);
  }
  return out;
}

/** describePersistentVolumeClaim renders a PVC as `kubectl describe pvc` does. */
export function describePersistentVolumeClaim(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  w.write(LEVEL_0, `Namespace:\t${str(meta.namespace)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(meta, spec)}\n`);
  writeStatus(w, meta, str(status.phase), ctx.now);
  w.write(LEVEL_0, `Volume:\t${str(spec.volumeName)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goStrings(meta.finalizers)}\n`);
  const bound = str(spec.volumeName) !== '';
  w.write(LEVEL_0, `Capacity:\t${bound ? storageQuantity(status.capacity) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModes(status.accessModes) : ''}\n`);
  if (typeof spec.volumeMode === 'string') w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (has(spec.dataSource)) {
    const ds = rec(spec.dataSource);
    w.write(LEVEL_0, 'DataSource:\n');
    if (typeof ds.apiGroup === 'string') w.write(LEVEL_1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${str(ds.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(ds.name)}\n`);
  }
  if (ctx.related.podsIn) {
    const users = podsUsing(obj, ctx.related.podsIn(str(meta.namespace)))
      .map((p) => p.metadata?.name ?? '')
      .sort(byString);
    w.write(LEVEL_0, 'Used By:\t');
    if (users.length === 0) w.writeLine('<none>');
    users.forEach((name, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${name}\n`);
    });
  }
  const conditions = recs(status.conditions);
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${str(c.type)} \t${str(c.status)} \t${ctx.time(c.lastProbeTime)} \t${ctx.time(c.lastTransitionTime)} \t` +
          `${str(c.reason)} \t${str(c.message)}\n`,
      );
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** nodeSelectorTerm is printNodeSelectorTermsMultilineWithIndent at LEVEL_2. */
function nodeSelectorTerm(w: DescribeWriter, title: string, reqs: Rec[]): void {
  w.write(LEVEL_2, `${title}:\t`);
  if (reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    const values = strings(r.values);
    const expr = `${str(r.key)} ${str(r.operator).toLowerCase()}`;
    w.write(LEVEL_0, `${values.length > 0 ? `${expr} [${values.join(', ')}]` : expr}\n`);
  });
}

/** describePersistentVolume renders a PV as `kubectl describe pv` does. */
export function describePersistentVolume(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goStrings(meta.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(meta, spec)}\n`);
  writeStatus(w, meta, str(status.phase), ctx.now);
  const claim = has(spec.claimRef)
    ? `${str(rec(spec.claimRef).namespace)}/${str(rec(spec.claimRef).name)}`
    : '';
  w.write(LEVEL_0, `Claim:\t${claim}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (typeof spec.volumeMode === 'string') w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${storageQuantity(spec.capacity)}\n`);
  const required = rec(spec.nodeAffinity).required;
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!has(required)) w.writeLine('<none>');
  else {
    w.writeLine('');
    const terms = recs(rec(required).nodeSelectorTerms);
    w.write(LEVEL_1, 'Required Terms:\t');
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => nodeSelectorTerm(w, `Term ${i}`, recs(t.matchExpressions)));
    }
  }
  w.write(LEVEL_0, `Message:\t${str(status.message)}\n`);
  w.write(LEVEL_0, 'Source:\n');
  describePersistentVolumeSource(w, spec);
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/** isDefaultClass is storageutil.IsDefaultAnnotationText: "Yes" when either default-class annotation is "true". */
function isDefaultClass(annotations: unknown): string {
  const a = strMap(annotations);
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
    ? 'Yes'
    : 'No';
}

/** describeStorageClass renders a StorageClass as `kubectl describe storageclass` does. */
export function describeStorageClass(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const sc = obj as Rec;
  w.write(LEVEL_0, `Name:\t${str(meta.name)}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(meta.annotations)}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(meta.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${str(sc.provisioner)}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
  const options = strings(sc.mountOptions);
  if (options.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of options) w.write(LEVEL_1, `${o}\n`);
  }
  if (typeof sc.reclaimPolicy === 'string') w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (typeof sc.volumeBindingMode === 'string')
    w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (Array.isArray(sc.allowedTopologies)) {
    const terms = recs(sc.allowedTopologies);
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => {
        const reqs = recs(t.matchLabelExpressions);
        w.write(LEVEL_1, `Term ${i}:\t`);
        if (reqs.length === 0) w.writeLine('<none>');
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          const values = strings(r.values);
          const expr = `${str(r.key)} in`;
          w.write(LEVEL_0, `${values.length > 0 ? `${expr} [${values.join(', ')}]` : expr}\n`);
        });
      });
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
