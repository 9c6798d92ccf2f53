/**
 * volumes: the `Volumes:` block of `kubectl describe` for pods and pod templates (describeVolumes
 * and its per-source printers, for the volume sources seen in practice; others print
 * `<unknown>` as kubectl does for sources it does not know).
 */

import { byString } from './format';
import { has, num, rec, recs, str, strMap, strings, type Rec } from './fields';
import { canonical } from './quantity';
import { type DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './printer';

function hostPath(w: DescribeWriter, v: Rec): void {
  const type = typeof v.type === 'string' ? v.type : '<none>';
  w.write(
    LEVEL_2,
    `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(v.path)}\n    HostPathType:\t${type}\n`,
  );
}

function emptyDir(w: DescribeWriter, v: Rec): void {
  const limit = canonical(v.sizeLimit);
  const sizeLimit = limit && limit !== '0' && !limit.startsWith('-') ? limit : '<unset>';
  w.write(
    LEVEL_2,
    `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(v.medium)}\n    SizeLimit:\t${sizeLimit}\n`,
  );
}

/**
 * optionalPtr prints a projected source's `optional` as kubectl 1.32 does for an unset pointer
 * ("<nil>"); for a set one kubectl prints a memory address, we print the value.
 */
function optionalPtr(v: unknown): string {
  return typeof v === 'boolean' ? String(v) : '<nil>';
}

function projected(w: DescribeWriter, v: Rec): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const s of recs(v.sources)) {
    if (has(s.secret)) {
      const x = rec(s.secret);
      w.write(LEVEL_2, `SecretName:\t${str(x.name)}\n    SecretOptionalName:\t${optionalPtr(x.optional)}\n`);
    } else if (has(s.downwardAPI)) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (has(s.configMap)) {
      const x = rec(s.configMap);
      w.write(
        LEVEL_2,
        `ConfigMapName:\t${str(x.name)}\n    ConfigMapOptional:\t${optionalPtr(x.optional)}\n`,
      );
    } else if (has(s.serviceAccountToken)) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${num(rec(s.serviceAccountToken).expirationSeconds)}\n`);
    }
  }
}

function csi(w: DescribeWriter, v: Rec): void {
  w.write(
    LEVEL_2,
    `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(v.driver)}\n` +
      `    FSType:\t${str(v.fsType)}\n    ReadOnly:\t${v.readOnly === true}\n`,
  );
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const attrs = strMap(v.volumeAttributes);
  const keys = Object.keys(attrs).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    const line = `${k}=${attrs[k]}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** printers for each volume source kubectl describes, in kubectl's order of precedence. */
const SOURCES: [string, (w: DescribeWriter, v: Rec) => void][] = [
  ['hostPath', hostPath],
  ['emptyDir', emptyDir],
  [
    'secret',
    (w, v) =>
      w.write(
        LEVEL_2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(v.secretName)}\n    Optional:\t${v.optional === true}\n`,
      ),
  ],
  [
    'configMap',
    (w, v) =>
      w.write(
        LEVEL_2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(v.name)}\n    Optional:\t${v.optional === true}\n`,
      ),
  ],
  [
    'nfs',
    (w, v) =>
      w.write(
        LEVEL_2,
        `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(v.server)}\n    Path:\t${str(v.path)}\n    ReadOnly:\t${v.readOnly === true}\n`,
      ),
  ],
  [
    'persistentVolumeClaim',
    (w, v) =>
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(v.claimName)}\n    ReadOnly:\t${v.readOnly === true}\n`,
      ),
  ],
  [
    'ephemeral',
    (w) =>
      w.write(
        LEVEL_2,
        'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
      ),
  ],
  [
    'downwardAPI',
    (w, v) => {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of recs(v.items)) {
        if (has(item.fieldRef))
          w.write(LEVEL_3, `${str(rec(item.fieldRef).fieldPath)} -> ${str(item.path)}\n`);
        if (has(item.resourceFieldRef)) {
          w.write(LEVEL_3, `${str(rec(item.resourceFieldRef).resource)} -> ${str(item.path)}\n`);
        }
      }
    },
  ],
  ['projected', projected],
  ['csi', csi],
  [
    'image',
    (w, v) =>
      w.write(
        LEVEL_2,
        `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${str(v.reference)}\n    PullPolicy:\t${str(v.pullPolicy)}\n`,
      ),
  ],
];

/** describeVolumes writes `Volumes:` and each volume's source; `<none>` when there are none. */
export function describeVolumes(w: DescribeWriter, volumes: unknown, space: string): void {
  const list = recs(volumes);
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of list) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    const source = SOURCES.find(([field]) => has(v[field]));
    if (source) source[1](w, rec(v[source[0]]));
    else w.write(LEVEL_1, '<unknown>\n');
  }
}

/** describeVolumeClaimTemplates is the StatefulSet `Volume Claims:` block. */
export function describeVolumeClaimTemplates(w: DescribeWriter, templates: unknown): void {
  const list = recs(templates);
  if (list.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of list) {
    const meta = rec(pvc.metadata);
    const spec = rec(pvc.spec);
    w.write(LEVEL_1, `Name:\t${str(meta.name)}\n`);
    const cls =
      str(spec.storageClassName) || str(strMap(meta.annotations)['volume.beta.kubernetes.io/storage-class']);
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    for (const [title, m] of [
      ['Labels', meta.labels],
      ['Annotations', meta.annotations],
    ] as const) {
      const entries = strMap(m);
      const keys = Object.keys(entries).sort(byString);
      w.write(LEVEL_0, `  ${title}:\t`);
      if (keys.length === 0) w.writeLine('<none>');
      keys.forEach((k, i) => {
        if (i !== 0) w.write(LEVEL_0, '  \t');
        w.write(LEVEL_0, `${k}=${entries[k]}\n`);
      });
    }
    const storage = rec(rec(spec.resources).requests).storage;
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? '<default>' : canonical(storage)}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${strings(spec.accessModes).join(' ')}]\n`);
  }
}
