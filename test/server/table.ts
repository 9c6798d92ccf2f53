/**
 * table: server-side printing. Answers `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`
 * with a meta.k8s.io/v1 Table whose columns match the real server's for pods, events,
 * deployments, replicasets, namespaces, nodes and services (here) and the added built-in kinds
 * and custom resources (tableAdded.ts); NAME and AGE for the others.
 * Columns with priority 1 are the ones kubectl shows only with `-o wide`.
 */
import type { ResourceKind } from '../../src/core/kinds';
import type { KubeObject } from '../../src/core/cache/types';
import { since } from './humanize';
import { ADDED_PRINTERS, customPrinter } from './tableAdded';
import { servedOf } from './servedKinds';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** TableColumn is a metav1.TableColumnDefinition. */
export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** Cell is one table cell. */
export type Cell = string | number | boolean | null;
/** Printer is a kind's table: its columns and how to fill one row. */
export interface Printer {
  columns: TableColumn[];
  cells(o: Rec, now: number): Cell[];
}

/** col builds a column definition (priority 1: shown only with `-o wide`). */
export function col(name: string, type = 'string', priority = 0, format = ''): TableColumn {
  return { name, type, format, description: name, priority };
}

export const NAME = col('Name', 'string', 0, 'name');
export const AGE = col('Age', 'string');

function containerNames(spec: Rec | undefined): string {
  return ((spec?.template?.spec?.containers as Rec[] | undefined) ?? []).map((c) => c.name).join(',');
}

function images(spec: Rec | undefined): string {
  return ((spec?.template?.spec?.containers as Rec[] | undefined) ?? []).map((c) => c.image).join(',');
}

/** selectorString prints a label selector as kubectl does (`<none>` when empty). */
export function selectorString(sel: Rec | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.entries((sel.matchLabels as Record<string, string>) ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of (sel.matchExpressions as Rec[] | undefined) ?? []) {
    const op = String(e.operator).toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function podStatus(o: Rec): { ready: string; reason: string; restarts: number; lastRestart: string } {
  const status: Rec = o.status ?? {};
  let reason: string = status.reason || status.phase || 'Unknown';
  const total = ((o.spec?.containers as Rec[] | undefined) ?? []).length;
  let ready = 0;
  let restarts = 0;
  let lastRestart = '';
  const noteRestart = (cs: Rec) => {
    restarts += cs.restartCount ?? 0;
    const finished = cs.lastState?.terminated?.finishedAt;
    if (typeof finished === 'string' && finished > lastRestart) lastRestart = finished;
  };
  let initializing = false;
  const inits: Rec[] = status.initContainerStatuses ?? [];
  inits.forEach((cs, i) => {
    noteRestart(cs);
    if (initializing) return;
    const t = cs.state?.terminated;
    if (t && t.exitCode === 0) return;
    if (t) reason = 'Init:' + (t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`));
    else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing')
      reason = 'Init:' + cs.state.waiting.reason;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
  });
  if (!initializing) {
    let hasRunning = false;
    const containers: Rec[] = [...(status.containerStatuses ?? [])].reverse();
    for (const cs of containers) {
      noteRestart(cs);
      const st = cs.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated)
        reason = st.terminated.signal
          ? `Signal:${st.terminated.signal}`
          : `ExitCode:${st.terminated.exitCode}`;
      else if (cs.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (o.metadata?.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return { ready: `${ready}/${total}`, reason, restarts, lastRestart };
}

const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts'),
      AGE,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    cells(o, now) {
      const s = podStatus(o);
      const restarts = s.lastRestart
        ? `${s.restarts} (${since(s.lastRestart, now)} ago)`
        : String(s.restarts);
      const gates = (o.spec?.readinessGates as Rec[] | undefined) ?? [];
      return [
        o.metadata.name,
        s.ready,
        s.reason,
        restarts,
        since(o.metadata.creationTimestamp, now),
        o.status?.podIP || '<none>',
        o.spec?.nodeName || '<none>',
        o.status?.nominatedNodeName || '<none>',
        gates.length ? `0/${gates.length}` : '<none>',
      ];
    },
  },
  Event: {
    columns: [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('Message'),
      col('First Seen', 'string', 1),
      col('Count', 'integer', 1),
      col('Name', 'string', 1),
    ],
    cells(o, now) {
      let first = o.firstTimestamp ? since(o.firstTimestamp, now) : since(o.eventTime, now);
      let last = o.lastTimestamp ? since(o.lastTimestamp, now) : first;
      let count: number = o.count || 1;
      if (o.series) {
        last = since(o.series.lastObservedTime, now);
        count = o.series.count;
      }
      if (!o.firstTimestamp && !o.eventTime) first = '<unknown>';
      const io: Rec = o.involvedObject ?? {};
      const target = io.name
        ? `${String(io.kind).toLowerCase()}/${io.name}`
        : String(io.kind ?? '').toLowerCase();
      const comp = o.source?.component || o.reportingComponent || '';
      const source = comp ? (o.source?.host ? `${comp}, ${o.source.host}` : comp) : '';
      return [
        last,
        o.type ?? '',
        o.reason ?? '',
        target,
        io.fieldPath ?? '',
        source,
        String(o.message ?? '').trim(),
        first,
        count,
        o.metadata.name,
      ];
    },
  },
  Deployment: {
    columns: [
      NAME,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells(o, now) {
      const st: Rec = o.status ?? {};
      return [
        o.metadata.name,
        `${st.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
        st.updatedReplicas ?? 0,
        st.availableReplicas ?? 0,
        since(o.metadata.creationTimestamp, now),
        containerNames(o.spec),
        images(o.spec),
        selectorString(o.spec?.selector),
      ];
    },
  },
  ReplicaSet: {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    cells(o, now) {
      return [
        o.metadata.name,
        o.spec?.replicas ?? 1,
        o.status?.replicas ?? 0,
        o.status?.readyReplicas ?? 0,
        since(o.metadata.creationTimestamp, now),
        containerNames(o.spec),
        images(o.spec),
        selectorString(o.spec?.selector),
      ];
    },
  },
  Namespace: {
    columns: [NAME, col('Status'), AGE],
    cells: (o, now) => [
      o.metadata.name,
      o.status?.phase ?? 'Active',
      since(o.metadata.creationTimestamp, now),
    ],
  },
  Node: {
    columns: [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    cells(o, now) {
      const ready = ((o.status?.conditions as Rec[] | undefined) ?? []).find((c) => c.type === 'Ready');
      let status = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
      if (o.spec?.unschedulable) status += ',SchedulingDisabled';
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length));
      const addr = (t: string) =>
        ((o.status?.addresses as Rec[] | undefined) ?? []).find((a) => a.type === t)?.address ?? '<none>';
      const info: Rec = o.status?.nodeInfo ?? {};
      return [
        o.metadata.name,
        status,
        roles.length ? roles.join(',') : '<none>',
        since(o.metadata.creationTimestamp, now),
        info.kubeletVersion ?? '',
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
  },
  Service: {
    columns: [
      NAME,
      col('Type'),
      col('Cluster-IP'),
      col('External-IP'),
      col('Port(s)'),
      AGE,
      col('Selector', 'string', 1),
    ],
    cells(o, now) {
      const ports = ((o.spec?.ports as Rec[] | undefined) ?? [])
        .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
        .join(',');
      const sel = Object.entries((o.spec?.selector as Record<string, string>) ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [
        o.metadata.name,
        o.spec?.type ?? 'ClusterIP',
        o.spec?.clusterIP ?? '<none>',
        '<none>',
        ports || '<none>',
        since(o.metadata.creationTimestamp, now),
        sel || '<none>',
      ];
    },
  },
};

const GENERIC: Printer = {
  columns: [NAME, AGE],
  cells: (o, now) => [o.metadata.name, since(o.metadata.creationTimestamp, now)],
};

function printerOf(k: ResourceKind): Printer {
  const served = servedOf(k);
  if (served.crd) return customPrinter(served.printerColumns ?? []);
  return PRINTERS[k.kind] ?? ADDED_PRINTERS[k.kind] ?? GENERIC;
}

/** IncludeObject is the `includeObject` query parameter: what each row carries. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/**
 * tableOf builds a Table for objects given in their core/v1 form (events) or served form (the
 * rest); `served` maps each to the object sent in `row.object` when includeObject is Object.
 */
export function tableOf(
  k: ResourceKind,
  objects: readonly KubeObject[],
  opts: {
    now: number;
    includeObject: IncludeObject;
    noHeaders?: boolean;
    listMeta?: Rec;
    served?: (i: number) => KubeObject;
  },
): Rec {
  const printer = printerOf(k);
  const rows = objects.map((o, i) => {
    const row: Rec = { cells: printer.cells(o as Rec, opts.now) };
    if (opts.includeObject === 'Object') row.object = opts.served ? opts.served(i) : o;
    else if (opts.includeObject === 'Metadata')
      row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.listMeta ?? {},
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows,
  };
}

/** wantsTable tells whether an Accept header asks for a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}
