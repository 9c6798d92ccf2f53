/**
 * containers: the container blocks of `kubectl describe` (describeContainers and its helpers):
 * image and ports, command and args, state, resources, probes, environment and mounts.
 */

import { type TimeFormatter, byString, printBool, stringOrNone } from './format';
import { has, intOrString, num, rec, recs, str, strings, type Rec } from './fields';
import { canonical, milliValue, parseQuantity, value, ZERO } from './quantity';
import { type DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './printer';
import { formatLabelSelector } from './selector';

/** EnvResolver resolves a fieldRef env var's value (kubectl's EnvValueRetriever). */
export type EnvResolver = (fieldPath: string, apiVersion: string) => string;

/**
 * podEnvResolver mirrors kubectl: only `metadata.name` and `metadata.namespace` pass its
 * field-label conversion; every other field path resolves to "".
 */
export function podEnvResolver(pod: Rec): EnvResolver {
  const meta = rec(pod.metadata);
  return (fieldPath) => {
    if (fieldPath === 'metadata.name') return str(meta.name);
    if (fieldPath === 'metadata.namespace') return str(meta.namespace);
    return '';
  };
}

/** describeProbe is kubectl's DescribeProbe. */
export function describeProbe(probe: Rec): string {
  const attrs =
    `delay=${num(probe.initialDelaySeconds)}s timeout=${num(probe.timeoutSeconds)}s ` +
    `period=${num(probe.periodSeconds)}s #success=${num(probe.successThreshold)} ` +
    `#failure=${num(probe.failureThreshold)}`;
  if (has(probe.exec)) return `exec [${strings(rec(probe.exec).command).join(' ')}] ${attrs}`;
  if (has(probe.httpGet)) {
    const g = rec(probe.httpGet);
    const port = portString(g.port);
    const host = port ? joinHostPort(str(g.host), port) : str(g.host);
    let path = escapePath(str(g.path));
    if (path && !path.startsWith('/') && host) path = `/${path}`;
    const scheme = str(g.scheme).toLowerCase();
    const slashes = (scheme || host) && (host || path) ? '//' : '';
    return `http-get ${scheme ? `${scheme}:` : ''}${slashes}${host}${path} ${attrs}`;
  }
  if (has(probe.tcpSocket)) {
    const t = rec(probe.tcpSocket);
    return `tcp-socket ${str(t.host)}:${portString(t.port)} ${attrs}`;
  }
  if (has(probe.grpc)) {
    const g = rec(probe.grpc);
    return `grpc <pod>:${num(g.port)} ${str(g.service)} ${attrs}`;
  }
  return `unknown ${attrs}`;
}

/** portString is IntOrString.String() for a port, "" when unset. */
function portString(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' ? intOrString(v) : '';
}

function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** escapePath escapes a URL path as Go's url.URL.EscapedPath does. */
function escapePath(p: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(p)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function ports(c: Rec, field: 'containerPort' | 'hostPort'): string {
  return recs(c.ports)
    .map((p) => `${num(p[field])}/${str(p.protocol)}`)
    .join(', ');
}

function describeState(w: DescribeWriter, name: string, state: Rec, time: TimeFormatter): void {
  if (has(state.running)) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${time(rec(state.running).startedAt)}\n`);
  } else if (has(state.waiting)) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    const reason = str(rec(state.waiting).reason);
    if (reason) w.write(LEVEL_3, `Reason:\t${reason}\n`);
  } else if (has(state.terminated)) {
    const t = rec(state.terminated);
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (str(t.reason)) w.write(LEVEL_3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(LEVEL_3, `Message:\t${str(t.message)}\n`);
    w.write(LEVEL_3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(LEVEL_3, `Signal:\t${num(t.signal)}\n`);
    w.write(LEVEL_3, `Started:\t${time(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${time(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

/** describeResources prints Limits and Requests, resource names sorted, at `level`. */
export function describeResources(w: DescribeWriter, resources: unknown, level: number): void {
  const r = rec(resources);
  for (const [title, field] of [
    ['Limits', r.limits],
    ['Requests', r.requests],
  ] as const) {
    const m = rec(field);
    const names = Object.keys(m).sort(byString);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonical(m[name])}\n`);
  }
}

/** resourceFieldValue is kubectl's ExtractContainerResourceValue for a resourceFieldRef. */
function resourceFieldValue(ref: Rec, container: Rec): string {
  const divisor = parseQuantity(ref.divisor);
  const resource = str(ref.resource);
  const [kind, name] = resource.split('.', 2) as [string, string | undefined];
  if ((kind !== 'limits' && kind !== 'requests') || !name) return '';
  if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.startsWith('hugepages-')) return '';
  const q = parseQuantity(rec(rec(container.resources)[kind])[name]) ?? ZERO;
  const d = divisor && divisor.nanos !== 0n ? divisor : parseQuantity('1')!;
  const ratio = name === 'cpu' ? milliValue(q) / milliValue(d) : value(q) / value(d);
  return String(Math.ceil(ratio));
}

function describeEnv(w: DescribeWriter, c: Rec, resolve: EnvResolver | undefined): void {
  const env = recs(c.env);
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const name = str(e.name);
    if (!has(e.valueFrom)) {
      str(e.value)
        .split('\n')
        .forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const from = rec(e.valueFrom);
    if (has(from.fieldRef)) {
      const f = rec(from.fieldRef);
      const v = resolve ? resolve(str(f.fieldPath), str(f.apiVersion)) : '';
      w.write(LEVEL_3, `${name}:\t${v} (${str(f.apiVersion)}:${str(f.fieldPath)})\n`);
    } else if (has(from.resourceFieldRef)) {
      const f = rec(from.resourceFieldRef);
      const resource = str(f.resource);
      let v = resourceFieldValue(f, c);
      if (v === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) v = 'node allocatable';
      w.write(LEVEL_3, `${name}:\t${v} (${resource})\n`);
    } else if (has(from.secretKeyRef)) {
      const f = rec(from.secretKeyRef);
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(f.key)}' in secret '${str(f.name)}'>\tOptional: ${f.optional === true}\n`,
      );
    } else if (has(from.configMapKeyRef)) {
      const f = rec(from.configMapKeyRef);
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(f.key)}' of config map '${str(f.name)}'>\tOptional: ${f.optional === true}\n`,
      );
    }
  }
}

function describeEnvFrom(w: DescribeWriter, c: Rec): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of recs(c.envFrom)) {
    let from = '';
    let name = '';
    let optional = false;
    if (has(e.configMapRef)) {
      from = 'ConfigMap';
      name = str(rec(e.configMapRef).name);
      optional = rec(e.configMapRef).optional === true;
    } else if (has(e.secretRef)) {
      from = 'Secret';
      name = str(rec(e.secretRef).name);
      optional = rec(e.secretRef).optional === true;
    }
    const prefix = str(e.prefix);
    w.write(
      LEVEL_3,
      prefix
        ? `${name}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`
        : `${name}\t${from}\tOptional: ${optional}\n`,
    );
  }
}

function describeMounts(w: DescribeWriter, c: Rec): void {
  const mounts = recs(c.volumeMounts);
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of [...mounts].sort((a, b) => byString(str(a.mountPath), str(b.mountPath)))) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices = recs(c.volumeDevices);
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const d of [...devices].sort((a, b) => byString(str(a.devicePath), str(b.devicePath)))) {
      w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
    }
  }
}

/**
 * describeContainers writes `label:` and one block per container. `statuses` is undefined for
 * pod templates (no ids, state or restart counts); `space` is "  " inside a pod template.
 */
export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: Rec[],
  statuses: Rec[] | undefined,
  resolve: EnvResolver | undefined,
  space: string,
  time: TimeFormatter,
): void {
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(str(c.name));
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(c.name)}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${str(status.containerID)}\n`);
    w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${str(status.imageID)}\n`);
    const portList = ports(c, 'containerPort');
    w.write(LEVEL_2, portList.includes(',') ? `Ports:\t${portList}\n` : `Port:\t${stringOrNone(portList)}\n`);
    const hostPorts = ports(c, 'hostPort');
    w.write(
      LEVEL_2,
      hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`,
    );
    const seccomp = rec(rec(c.securityContext).seccompProfile);
    if (has(rec(c.securityContext).seccompProfile)) {
      w.write(LEVEL_2, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (str(seccomp.type) === 'Localhost')
        w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    for (const [title, field] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      const items = strings(field);
      if (items.length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const item of items) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
    if (status) {
      describeState(w, 'State', rec(status.state), time);
      if (has(rec(status.lastState).terminated)) describeState(w, 'Last State', rec(status.lastState), time);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${num(status.restartCount)}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    for (const [title, field] of [
      ['Liveness', c.livenessProbe],
      ['Readiness', c.readinessProbe],
      ['Startup', c.startupProbe],
    ] as const) {
      if (has(field)) w.write(LEVEL_2, `${title}:\t${describeProbe(rec(field))}\n`);
    }
    if (recs(c.envFrom).length > 0) describeEnvFrom(w, c);
    describeEnv(w, c, resolve);
    describeMounts(w, c);
  }
}

/** describeTopologySpreadConstraints prints constraints sorted by topology key (none: nothing). */
export function describeTopologySpreadConstraints(w: DescribeWriter, tscs: unknown, space: string): void {
  const list = [...recs(tscs)].sort((a, b) => byString(str(a.topologyKey), str(b.topologyKey)));
  if (list.length === 0) return;
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${str(t.topologyKey)}:${str(t.whenUnsatisfiable)} when max skew ${num(t.maxSkew)} is exceeded`;
    if (has(t.labelSelector)) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}
