/**
 * containers: explains a container that will not stay up: `BackOff` (Back-off restarting
 * failed container), the OOM family (`OOMKilling` / `SystemOOM` on a node, `OOMKilled` on a
 * pod) and `Unhealthy` probe failures. The evidence comes from the pod's container statuses
 * (last exit code and reason, restart count, time since the last start) and its spec (memory
 * request and limit, probe configuration).
 */
import type { KubeObject } from '../cache/types';
import { humanDuration } from '../events/age';
import { parseTime } from '../events/model';
import { int, rec, type Rec } from '../resources/read';
import {
  allContainerStatuses,
  containerSpec,
  containerStatus,
  eventContainer,
  exitCodeMeaning,
  lastTermination,
  memoryOf,
} from './podFacts';
import { Builder, describeStep, involvedRef, kubectlStep, plural, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

function podOf(e: ExplainEvent, cache: ExplainCache): { pod: KubeObject | undefined; podRef: Ref } {
  const podRef = involvedRef(e);
  return {
    pod: e.involved.kind === 'Pod' ? cache.get('Pod', podRef.namespace, podRef.name) : undefined,
    podRef,
  };
}

/** explainCrashLoop explains `BackOff` "Back-off restarting failed container". */
export function explainCrashLoop(e: ExplainEvent, cache: ExplainCache, now: number): Explanation {
  const b = new Builder(e.reason);
  const { pod, podRef } = podOf(e, cache);
  const name = eventContainer(e);
  b.step(describeStep(podRef));
  if (!pod || !name) {
    b.lower('partial').fact(
      pod ? 'The event does not name the container' : `Pod ${podRef.name} is not in the cache`,
    );
    b.step(
      kubectlStep('Read the previous logs', `kubectl logs ${podRef.name} -n ${podRef.namespace} --previous`),
    );
    return b.build(
      'A container keeps exiting and the kubelet waits longer before each restart (CrashLoopBackOff)',
    );
  }
  const st = containerStatus(pod, name);
  b.step(
    kubectlStep(
      `Read ${name}'s previous logs`,
      `kubectl logs ${podRef.name} -n ${podRef.namespace} -c ${name} --previous`,
    ),
  );
  if (!st) {
    b.lower('partial').fact(`Container ${name} has no status yet`, podRef);
    return b.build(`Container ${name} keeps exiting (CrashLoopBackOff)`);
  }
  const restarts = int(st['restartCount']);
  const last = lastTermination(st);
  const meaning = exitCodeMeaning(last?.exitCode, last?.reason);
  if (last) {
    const ran =
      last.startedAt !== undefined && last.finishedAt !== undefined
        ? ` after running ${humanDuration(last.finishedAt - last.startedAt)}`
        : '';
    b.fact(
      `Last exit: code ${last.exitCode ?? '?'}${last.reason ? ` (${last.reason})` : ''}${ran}: ${meaning}`,
      podRef,
    );
    if (last.message) b.fact(`Termination message: ${last.message}`, podRef);
  } else b.lower('partial');
  b.fact(`${plural(restarts, 'restart')}${restartTrend(e)}`, podRef);
  const started = parseTime(rec(rec(st['state'])['running'])['startedAt']);
  if (started !== undefined) b.fact(`Running again for ${humanDuration(now - started)}`, podRef);
  if (last?.reason === 'OOMKilled') memoryFacts(b, pod, name, podRef);
  if (
    last?.exitCode === 137 &&
    last.reason !== 'OOMKilled' &&
    probeOf(containerSpec(pod, name), 'livenessProbe')
  )
    b.fact(
      'The container has a liveness probe: a failing probe also ends in SIGKILL after the grace period',
      podRef,
    );
  return b.build(
    `Container ${name} keeps exiting (${last ? `exit code ${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''}: ${meaning}` : 'exit code unknown'}), ${plural(restarts, 'restart')}`,
  );
}

function restartTrend(e: ExplainEvent): string {
  if (e.count <= 1 || e.firstSeen === undefined || e.lastSeen === undefined || e.lastSeen <= e.firstSeen)
    return '';
  return `; this back-off was reported ${e.count} times over ${humanDuration(e.lastSeen - e.firstSeen)}`;
}

function memoryFacts(b: Builder, pod: KubeObject, name: string, podRef: Ref): void {
  const mem = memoryOf(containerSpec(pod, name));
  b.fact(
    `Container ${name}: memory limit ${mem.limit ?? 'none'}, request ${mem.request ?? 'none'}${!mem.limit ? ' (without a limit the node ran out of memory)' : ''}`,
    podRef,
  );
}

/** explainOOM explains `OOMKilling` / `SystemOOM` (on a node) and `OOMKilled` (on a pod). */
export function explainOOM(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  const proc =
    /Killed process (\d+) \(([^)]{1,64})\)/.exec(e.message) ??
    /victim process: ([^,]{1,64}), pid: (\d+)/.exec(e.message);
  const procName = proc ? (/Killed process/.test(proc[0]) ? proc[2] : proc[1]) : undefined;
  if (procName) b.fact(`The kernel killed process ${procName}`);
  if (e.involved.kind === 'Node') {
    b.step(describeStep(target));
    const victims: { pod: KubeObject; name: string }[] = [];
    for (const pod of cache.podsOn(target.name))
      for (const st of allContainerStatuses(pod))
        if (lastTermination(st)?.reason === 'OOMKilled')
          victims.push({ pod, name: String(st['name'] ?? '') });
    for (const v of victims.slice(0, 5)) {
      const r = ref('Pod', v.pod.metadata.namespace ?? '', v.pod.metadata.name ?? '');
      b.fact(`Pod ${r.namespace}/${r.name} container ${v.name} was last OOMKilled`, r);
      memoryFacts(b, v.pod, v.name, r);
      b.step(describeStep(r));
    }
    if (victims.length === 0)
      b.lower('partial').fact('No pod on this node shows OOMKilled in its cached container statuses');
    const cause = /^Memory cgroup out of memory/.test(e.message)
      ? `A container on ${target.name} exceeded its memory limit${procName ? ` (${procName})` : ''}`
      : `Node ${target.name} ran out of memory${procName ? `; the kernel killed ${procName}` : ''}`;
    return b.build(cause);
  }
  const { pod, podRef } = podOf(e, cache);
  b.step(describeStep(podRef));
  const statuses = pod
    ? allContainerStatuses(pod).filter((s) => lastTermination(s)?.reason === 'OOMKilled')
    : [];
  for (const st of statuses.slice(0, 5)) {
    const name = String(st['name'] ?? '');
    b.fact(
      `Container ${name}: OOMKilled (exit code ${lastTermination(st)?.exitCode ?? '?'}), ${plural(int(st['restartCount']), 'restart')}`,
      podRef,
    );
    memoryFacts(b, pod!, name, podRef);
  }
  if (statuses.length === 0) b.lower('partial');
  const first = statuses[0] ? String(statuses[0]['name'] ?? '') : undefined;
  const limit = first && pod ? memoryOf(containerSpec(pod, first)).limit : undefined;
  return b.build(
    first
      ? `Container ${first} used more memory than its limit${limit ? ` (${limit})` : ''} and was killed`
      : 'A container was killed for using too much memory',
  );
}

function probeOf(c: Rec | undefined, field: string): Rec | undefined {
  const p = rec(c?.[field]);
  return Object.keys(p).length ? p : undefined;
}

/** describeProbeConfig renders a probe: `http-get :8080/healthz delay=0s timeout=1s period=10s #failure=3`. */
export function describeProbeConfig(p: Rec): string {
  const http = rec(p['httpGet']);
  const tcp = rec(p['tcpSocket']);
  const grpc = rec(p['grpc']);
  const exec = rec(p['exec']);
  const action = Object.keys(http).length
    ? `http-get ${String(http['scheme'] ?? 'HTTP').toLowerCase()}://:${String(http['port'] ?? '')}${String(http['path'] ?? '/')}`
    : Object.keys(tcp).length
      ? `tcp-socket :${String(tcp['port'] ?? '')}`
      : Object.keys(grpc).length
        ? `grpc :${String(grpc['port'] ?? '')}`
        : Array.isArray(exec['command'])
          ? `exec [${(exec['command'] as unknown[]).map(String).join(' ').slice(0, 120)}]`
          : 'unknown action';
  return `${action} delay=${int(p['initialDelaySeconds'])}s timeout=${int(p['timeoutSeconds'], 1)}s period=${int(p['periodSeconds'], 10)}s #failure=${int(p['failureThreshold'], 3)}`;
}

function probeFailure(text: string): string {
  if (/connection refused/.test(text)) return 'nothing was listening on the probed port';
  if (/statuscode: (\d{3})/.test(text))
    return `the endpoint answered HTTP ${/statuscode: (\d{3})/.exec(text)![1]}`;
  if (/Client\.Timeout exceeded|context deadline exceeded|timed out|timeout/.test(text))
    return 'the probe did not answer within timeoutSeconds';
  if (/no route to host|i\/o timeout/.test(text)) return 'the pod IP was unreachable';
  return 'the probe reported a failure';
}

/** explainUnhealthy explains `Unhealthy` ("Liveness probe failed: ..."). */
export function explainUnhealthy(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const { pod, podRef } = podOf(e, cache);
  const m = /^(Liveness|Readiness|Startup) probe (failed|errored): ?(.*)$/s.exec(e.message.slice(0, 2048));
  const kind = m?.[1];
  const output = m?.[3]?.trim() ?? '';
  const name = eventContainer(e);
  b.step(describeStep(podRef));
  if (!kind) {
    b.lower('generic').fact(`The kubelet reported: ${e.message}`);
    return b.build('A probe of the container failed');
  }
  const what = probeFailure(output);
  b.fact(`${kind} probe ${m![2]}: ${output || '(no output)'}`, podRef);
  const probe = pod && name ? probeOf(containerSpec(pod, name), `${kind.toLowerCase()}Probe`) : undefined;
  if (probe) b.fact(`${kind} probe of ${name}: ${describeProbeConfig(probe)}`, podRef);
  else b.lower('partial');
  const st = pod && name ? containerStatus(pod, name) : undefined;
  const restarts = st ? int(st['restartCount']) : undefined;
  let effect: string;
  if (kind === 'Readiness') effect = "the pod is taken out of its Services' endpoints (no restart)";
  else effect = 'the kubelet restarts the container after failureThreshold failures';
  if (restarts !== undefined)
    b.fact(
      `Container ${name}: ${plural(restarts, 'restart')}${kind !== 'Readiness' && restarts > 0 ? ', consistent with probe-driven restarts' : ''}`,
      podRef,
    );
  if (
    /connection refused/.test(output) &&
    probe &&
    int(probe['initialDelaySeconds']) === 0 &&
    kind !== 'Startup'
  )
    b.fact(
      'initialDelaySeconds is 0: the probe may start before the application listens (consider a startupProbe)',
      podRef,
    );
  return b.build(`${kind} probe of ${name ?? 'the container'} fails: ${what}; ${effect}`);
}
