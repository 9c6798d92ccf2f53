/**
 * tableAdded: the server-side table printers of the added built-in kinds, with the columns
 * kube-apiserver 1.32 prints (pkg/printers/internalversion), and the printer of custom
 * resources: the CRD version's additionalPrinterColumns (a JSONPath subset: `.a.b`, `[n]`,
 * `[?(@.k=="v")]`), or NAME and AGE when it declares none. A CustomResourceDefinition prints
 * NAME and CREATED AT, as the real server's default table does.
 */
import type { PrinterColumn } from './servedKinds';
import { since } from './humanize';
import { selectorString, type Cell, type Printer, type TableColumn } from './table';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function col(name: string, type = 'string', priority = 0, format = ''): TableColumn {
  return { name, type, format, description: name, priority };
}

const NAME = col('Name', 'string', 0, 'name');
const AGE = col('Age', 'string');
const age = (o: Rec, now: number) => since(o.metadata?.creationTimestamp, now);

const MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};
const accessModes = (modes: unknown) =>
  ((modes as string[] | undefined) ?? []).map((m) => MODES[m] ?? m).join(',');
const count = (m: unknown) => Object.keys((m as Rec | undefined) ?? {}).length;

function hpaTargets(o: Rec): string {
  const specs: Rec[] = o.spec?.metrics ?? [];
  if (specs.length === 0) return '<none>';
  const current: Rec[] = o.status?.currentMetrics ?? [];
  const parts = specs.map((m, i) => {
    if (m.type !== 'Resource' || !m.resource) return '<unknown>/<unknown>';
    const t: Rec = m.resource.target ?? {};
    const cur: Rec | undefined = current[i]?.resource?.current;
    if (t.type === 'Utilization') {
      const now = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
      return `${m.resource.name}: ${now}/${t.averageUtilization}%`;
    }
    const want = t.averageValue ?? t.value ?? '<unknown>';
    return `${m.resource.name}: ${cur?.averageValue ?? '<unknown>'}/${want}`;
  });
  return parts.length > 3
    ? `${parts.slice(0, 3).join(', ')} + ${parts.length - 3} more...`
    : parts.join(', ');
}

function ingressPorts(o: Rec): string {
  return (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80';
}

/** controllerName prints an object's controller as kubectl does: `statefulset.apps/web`, or `<none>`. */
function controllerName(o: Rec): string {
  const c = ((o.metadata?.ownerReferences ?? []) as Rec[]).find((r) => r?.controller === true);
  if (!c) return '<none>';
  const group = String(c.apiVersion ?? '').includes('/') ? String(c.apiVersion).split('/')[0] : '';
  return `${String(c.kind).toLowerCase()}${group ? `.${group}` : ''}/${String(c.name)}`;
}

/** ADDED_PRINTERS: the table of each added built-in kind, by kind. */
export const ADDED_PRINTERS: Record<string, Printer> = {
  PersistentVolumeClaim: {
    columns: [
      NAME,
      col('Status'),
      col('Volume'),
      col('Capacity'),
      col('Access Modes'),
      col('StorageClass'),
      col('VolumeAttributesClass'),
      AGE,
      col('VolumeMode', 'string', 1),
    ],
    cells: (o, now) => {
      const bound = !!o.spec?.volumeName;
      return [
        o.metadata.name,
        o.status?.phase ?? 'Pending',
        o.spec?.volumeName ?? '',
        bound ? (o.status?.capacity?.storage ?? '') : '',
        bound ? accessModes(o.status?.accessModes) : '',
        o.spec?.storageClassName ?? '',
        o.spec?.volumeAttributesClassName ?? '<unset>',
        age(o, now),
        o.spec?.volumeMode ?? 'Filesystem',
      ];
    },
  },
  PersistentVolume: {
    columns: [
      NAME,
      col('Capacity'),
      col('Access Modes'),
      col('Reclaim Policy'),
      col('Status'),
      col('Claim'),
      col('StorageClass'),
      col('VolumeAttributesClass'),
      col('Reason'),
      AGE,
      col('VolumeMode', 'string', 1),
    ],
    cells: (o, now) => {
      const ref: Rec | undefined = o.spec?.claimRef;
      return [
        o.metadata.name,
        o.spec?.capacity?.storage ?? '',
        accessModes(o.spec?.accessModes),
        o.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
        o.status?.phase ?? 'Pending',
        ref ? `${ref.namespace}/${ref.name}` : '',
        o.spec?.storageClassName ?? '',
        o.spec?.volumeAttributesClassName ?? '<unset>',
        o.status?.reason ?? '',
        age(o, now),
        o.spec?.volumeMode ?? 'Filesystem',
      ];
    },
  },
  StorageClass: {
    columns: [
      NAME,
      col('Provisioner'),
      col('ReclaimPolicy'),
      col('VolumeBindingMode'),
      col('AllowVolumeExpansion'),
      AGE,
    ],
    cells: (o, now) => {
      const isDefault =
        o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ||
        o.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
      return [
        isDefault ? `${o.metadata.name} (default)` : o.metadata.name,
        o.provisioner ?? '',
        o.reclaimPolicy ?? 'Delete',
        o.volumeBindingMode ?? 'Immediate',
        String(o.allowVolumeExpansion ?? false),
        age(o, now),
      ];
    },
  },
  Ingress: {
    columns: [NAME, col('Class'), col('Hosts'), col('Address'), col('Ports'), AGE],
    cells: (o, now) => {
      const hosts = ((o.spec?.rules as Rec[] | undefined) ?? []).map((r) => r.host).filter(Boolean);
      const addrs = ((o.status?.loadBalancer?.ingress as Rec[] | undefined) ?? []).map(
        (i) => i.ip || i.hostname,
      );
      return [
        o.metadata.name,
        o.spec?.ingressClassName ?? '<none>',
        hosts.length ? hosts.join(',') : '*',
        addrs.join(','),
        ingressPorts(o),
        age(o, now),
      ];
    },
  },
  HorizontalPodAutoscaler: {
    columns: [
      NAME,
      col('Reference'),
      col('Targets'),
      col('MinPods', 'string'),
      col('MaxPods', 'integer'),
      col('Replicas', 'integer'),
      AGE,
    ],
    cells: (o, now) => [
      o.metadata.name,
      `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`,
      hpaTargets(o),
      String(o.spec?.minReplicas ?? 1),
      o.spec?.maxReplicas ?? 0,
      o.status?.currentReplicas ?? 0,
      age(o, now),
    ],
  },
  ConfigMap: {
    columns: [NAME, col('Data', 'integer'), AGE],
    cells: (o, now) => [o.metadata.name, count(o.data) + count(o.binaryData), age(o, now)],
  },
  Secret: {
    columns: [NAME, col('Type'), col('Data', 'integer'), AGE],
    cells: (o, now) => [o.metadata.name, o.type ?? 'Opaque', count(o.data), age(o, now)],
  },
  ServiceAccount: {
    columns: [NAME, col('Secrets', 'integer'), AGE],
    cells: (o, now) => [o.metadata.name, (o.secrets ?? []).length, age(o, now)],
  },
  PodDisruptionBudget: {
    columns: [NAME, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), AGE],
    cells: (o, now) => [
      o.metadata.name,
      o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A',
      o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A',
      o.status?.disruptionsAllowed ?? 0,
      age(o, now),
    ],
  },
  EndpointSlice: {
    columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
    cells: (o, now) => {
      const ports = ((o.ports as Rec[] | undefined) ?? []).map((p) => p.port ?? '<unset>');
      const addrs = ((o.endpoints as Rec[] | undefined) ?? []).flatMap(
        (e) => (e.addresses as string[]) ?? [],
      );
      const shown = addrs.slice(0, 3).join(',') + (addrs.length > 3 ? ` + ${addrs.length - 3} more...` : '');
      return [
        o.metadata.name,
        o.addressType ?? '',
        ports.length ? ports.join(',') : '<unset>',
        addrs.length ? shown : '<unset>',
        age(o, now),
      ];
    },
  },
  Endpoints: {
    columns: [NAME, col('Endpoints'), AGE],
    cells: (o, now) => {
      const eps = ((o.subsets as Rec[] | undefined) ?? []).flatMap((s) =>
        ((s.addresses as Rec[] | undefined) ?? []).flatMap((a) =>
          ((s.ports as Rec[] | undefined) ?? [{}]).map((p) => (p.port ? `${a.ip}:${p.port}` : a.ip)),
        ),
      );
      const shown = eps.slice(0, 3).join(',') + (eps.length > 3 ? ` + ${eps.length - 3} more...` : '');
      return [o.metadata.name, eps.length ? shown : '<none>', age(o, now)];
    },
  },
  NetworkPolicy: {
    columns: [NAME, col('Pod-Selector'), AGE],
    cells: (o, now) => {
      const sel = selectorString(o.spec?.podSelector);
      return [o.metadata.name, sel === '<none>' ? '' : sel, age(o, now)];
    },
  },
  ResourceQuota: {
    columns: [NAME, AGE, col('Request'), col('Limit')],
    cells: (o, now) => {
      const hard: Rec = o.status?.hard ?? o.spec?.hard ?? {};
      const used: Rec = o.status?.used ?? {};
      const req: string[] = [];
      const lim: string[] = [];
      for (const key of Object.keys(hard).sort()) {
        const entry = `${key}: ${used[key] ?? '0'}/${hard[key]}`;
        if (key.startsWith('limits.')) lim.push(entry);
        else req.push(entry);
      }
      return [o.metadata.name, age(o, now), req.join(', '), lim.join(', ')];
    },
  },
  LimitRange: {
    columns: [NAME, col('Created At', 'date')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
  },
  Lease: {
    columns: [NAME, col('Holder'), AGE],
    cells: (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', age(o, now)],
  },
  ControllerRevision: {
    // kube-apiserver's printControllerRevision: the controller as `kind.group/name`, lower case.
    columns: [NAME, col('Controller'), col('Revision'), AGE],
    cells: (o, now) => [o.metadata.name, controllerName(o), o.revision ?? 0, age(o, now)],
  },
  CustomResourceDefinition: {
    columns: [NAME, col('Created At', 'date')],
    cells: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
  },
};

/**
 * jsonPath evaluates the subset of JSONPath CRD printer columns use: `.a.b`, `[n]`, and
 * `[?(@.key=="value")]` filters; the first match, or undefined.
 */
export function jsonPath(o: unknown, path: string): unknown {
  const steps = path.match(/\.[^.[\]]+|\[\?\(@\.[^=]+==["'][^"']*["']\)\]|\[\d+\]/g) ?? [];
  let cur: unknown[] = [o];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || typeof c !== 'object') continue;
      if (step.startsWith('.')) next.push((c as Rec)[step.slice(1)]);
      else if (step.startsWith('[?')) {
        const m = /^\[\?\(@\.([^=]+)==["']([^"']*)["']\)\]$/.exec(step)!;
        if (Array.isArray(c)) next.push(...c.filter((e) => e && String((e as Rec)[m[1]!]) === m[2]));
      } else if (Array.isArray(c)) next.push(c[Number(step.slice(1, -1))]);
    }
    cur = next.filter((x) => x !== undefined);
  }
  return cur[0];
}

/** DEFAULT_COLUMNS: what a CRD version without additionalPrinterColumns prints besides Name (the CRD defaulting's Age). */
const DEFAULT_COLUMNS: readonly PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

/**
 * customPrinter is a custom resource's table: Name, then the version's printer columns, or Age
 * alone when it declares none (as the real server's defaulting does: no Age is appended to
 * declared columns).
 */
export function customPrinter(declared: readonly PrinterColumn[]): Printer {
  const columns = declared.length ? declared : DEFAULT_COLUMNS;
  const defs = columns.map((c) => col(c.name, c.type, c.priority ?? 0, c.format ?? ''));
  return {
    columns: [NAME, ...defs],
    cells: (o, now) => [
      o.metadata.name,
      ...columns.map((c): Cell => {
        const v = jsonPath(o, c.jsonPath);
        if (v === undefined || v === null) return null;
        if (c.type === 'date') return since(v, now);
        if (typeof v === 'object') return JSON.stringify(v);
        return v as Cell;
      }),
    ],
  };
}
