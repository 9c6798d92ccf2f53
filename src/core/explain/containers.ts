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
import { englishL10n, type Localizer } from '../util/l10n';
import {
  allContainerStatuses,
  containerSpec,
  containerStatus,
  eventContainer,
  exitCodeMeaning,
  lastTermination,
  memoryOf,
} from './podFacts';
import { Builder, describeStep, involvedRef, kubectlStep, ref, restartCount } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

function podOf(e: ExplainEvent, cache: ExplainCache): { pod: KubeObject | undefined; podRef: Ref } {
  const podRef = involvedRef(e);
  return {
    pod: e.involved.kind === 'Pod' ? cache.get('Pod', podRef.namespace, podRef.name) : undefined,
    podRef,
  };
}

/** explainCrashLoop explains `BackOff` "Back-off restarting failed container". */
export function explainCrashLoop(
  e: ExplainEvent,
  cache: ExplainCache,
  now: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const { pod, podRef } = podOf(e, cache);
  const name = eventContainer(e);
  b.step(describeStep(podRef, l10n));
  if (!pod || !name) {
    b.lower('partial').fact(
      pod
        ? l10n.t('The event does not name the container')
        : l10n.t('Pod {0} is not in the cache', podRef.name),
    );
    b.step(
      kubectlStep(
        l10n.t('Read the previous logs'),
        `kubectl logs ${podRef.name} -n ${podRef.namespace} --previous`,
      ),
    );
    return b.build(
      l10n.t('A container keeps exiting and the kubelet waits longer before each restart (CrashLoopBackOff)'),
    );
  }
  const st = containerStatus(pod, name);
  b.step(
    kubectlStep(
      l10n.t("Read {0}'s previous logs", name),
      `kubectl logs ${podRef.name} -n ${podRef.namespace} -c ${name} --previous`,
    ),
  );
  if (!st) {
    b.lower('partial').fact(l10n.t('Container {0} has no status yet', name), podRef);
    return b.build(l10n.t('Container {0} keeps exiting (CrashLoopBackOff)', name));
  }
  const restarts = int(st['restartCount']);
  const last = lastTermination(st);
  const meaning = exitCodeMeaning(last?.exitCode, last?.reason, l10n);
  if (last) {
    const code = exitText(last.exitCode, last.reason);
    b.fact(
      last.startedAt !== undefined && last.finishedAt !== undefined
        ? l10n.t(
            'Last exit: code {0} after running {1}: {2}',
            code,
            humanDuration(last.finishedAt - last.startedAt),
            meaning,
          )
        : l10n.t('Last exit: code {0}: {1}', code, meaning),
      podRef,
    );
    if (last.message) b.fact(l10n.t('Termination message: {0}', last.message), podRef);
  } else b.lower('partial');
  b.fact(`${restartCount(restarts, l10n)}${restartTrend(e, l10n)}`, podRef);
  const started = parseTime(rec(rec(st['state'])['running'])['startedAt']);
  if (started !== undefined) b.fact(l10n.t('Running again for {0}', humanDuration(now - started)), podRef);
  if (last?.reason === 'OOMKilled') memoryFacts(b, pod, name, podRef);
  if (
    last?.exitCode === 137 &&
    last.reason !== 'OOMKilled' &&
    probeOf(containerSpec(pod, name), 'livenessProbe')
  )
    b.fact(
      l10n.t(
        'The container has a liveness probe: a failing probe also ends in SIGKILL after the grace period',
      ),
      podRef,
    );
  const exit = last
    ? l10n.t('exit code {0}: {1}', `${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''}`, meaning)
    : l10n.t('exit code unknown');
  return b.build(l10n.t('Container {0} keeps exiting ({1}), {2}', name, exit, restartCount(restarts, l10n)));
}

/** exitText renders an exit code and its reason, "137 (OOMKilled)": numbers and reasons, no words. */
function exitText(code: number | undefined, reason: string | undefined): string {
  return `${code ?? '?'}${reason ? ` (${reason})` : ''}`;
}

function restartTrend(e: ExplainEvent, l10n: Localizer): string {
  if (e.count <= 1 || e.firstSeen === undefined || e.lastSeen === undefined || e.lastSeen <= e.firstSeen)
    return '';
  return l10n.t(
    '; this back-off was reported {0} times over {1}',
    e.count,
    humanDuration(e.lastSeen - e.firstSeen),
  );
}

function memoryFacts(b: Builder, pod: KubeObject, name: string, podRef: Ref): void {
  const { l10n } = b;
  const mem = memoryOf(containerSpec(pod, name));
  const none = l10n.t('none');
  b.fact(
    mem.limit
      ? l10n.t('Container {0}: memory limit {1}, request {2}', name, mem.limit, mem.request ?? none)
      : l10n.t(
          'Container {0}: memory limit {1}, request {2} (without a limit the node ran out of memory)',
          name,
          none,
          mem.request ?? none,
        ),
    podRef,
  );
}

/** explainOOM explains `OOMKilling` / `SystemOOM` (on a node) and `OOMKilled` (on a pod). */
export function explainOOM(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  const proc =
    /Killed process (\d+) \(([^)]{1,64})\)/.exec(e.message) ??
    /victim process: ([^,]{1,64}), pid: (\d+)/.exec(e.message);
  const procName = proc ? (/Killed process/.test(proc[0]) ? proc[2] : proc[1]) : undefined;
  if (procName) b.fact(l10n.t('The kernel killed process {0}', procName));
  if (e.involved.kind === 'Node') {
    b.step(describeStep(target, l10n));
    const victims: { pod: KubeObject; name: string }[] = [];
    for (const pod of cache.podsOn(target.name))
      for (const st of allContainerStatuses(pod))
        if (lastTermination(st)?.reason === 'OOMKilled')
          victims.push({ pod, name: String(st['name'] ?? '') });
    for (const v of victims.slice(0, 5)) {
      const r = ref('Pod', v.pod.metadata.namespace ?? '', v.pod.metadata.name ?? '');
      b.fact(l10n.t('Pod {0} container {1} was last OOMKilled', `${r.namespace}/${r.name}`, v.name), r);
      memoryFacts(b, v.pod, v.name, r);
      b.step(describeStep(r, l10n));
    }
    if (victims.length === 0)
      b.lower('partial').fact(l10n.t('No pod on this node shows OOMKilled in its cached container statuses'));
    const cause = /^Memory cgroup out of memory/.test(e.message)
      ? procName
        ? l10n.t('A container on {0} exceeded its memory limit ({1})', target.name, procName)
        : l10n.t('A container on {0} exceeded its memory limit', target.name)
      : procName
        ? l10n.t('Node {0} ran out of memory; the kernel killed {1}', target.name, procName)
        : l10n.t('Node {0} ran out of memory', target.name);
    return b.build(cause);
  }
  const { pod, podRef } = podOf(e, cache);
  b.step(describeStep(podRef, l10n));
  const statuses = pod
    ? allContainerStatuses(pod).filter((s) => lastTermination(s)?.reason === 'OOMKilled')
    : [];
  for (const st of statuses.slice(0, 5)) {
    const name = String(st['name'] ?? '');
    b.fact(
      l10n.t(
        'Container {0}: OOMKilled (exit code {1}), {2}',
        name,
        lastTermination(st)?.exitCode ?? '?',
        restartCount(int(st['restartCount']), l10n),
      ),
      podRef,
    );
    memoryFacts(b, pod!, name, podRef);
  }
  if (statuses.length === 0) b.lower('partial');
  const first = statuses[0] ? String(statuses[0]['name'] ?? '') : undefined;
  const limit = first && pod ? memoryOf(containerSpec(pod, first)).limit : undefined;
  return b.build(
    first
      ? limit
        ? l10n.t('Container {0} used more memory than its limit ({1}) and was killed', first, limit)
        : l10n.t('Container {0} used more memory than its limit and was killed', first)
      : l10n.t('A container was killed for using too much memory'),
  );
}

function probeOf(c: Rec | undefined, field: string): Rec | undefined {
  const p = rec(c?.[field]);
  return Object.keys(p).length ? p : undefined;
}

/** describeProbeConfig renders a probe: `http-get :8080/healthz delay=0s timeout=1s period=10s #failure=3`. */
export function describeProbeConfig(p: Rec, l10n: Localizer = englishL10n): string {
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
          : l10n.t('unknown action');
  return `${action} delay=${int(p['initialDelaySeconds'])}s timeout=${int(p['timeoutSeconds'], 1)}s period=${int(p['periodSeconds'], 10)}s #failure=${int(p['failureThreshold'], 3)}`; // l10n-verbatim: kubectl describe's probe format
}

function probeFailure(text: string, l10n: Localizer): string {
  if (/connection refused/.test(text)) return l10n.t('nothing was listening on the probed port');
  if (/statuscode: (\d{3})/.test(text))
    return l10n.t('the endpoint answered HTTP {0}', /statuscode: (\d{3})/.exec(text)![1]!);
  if (/Client\.Timeout exceeded|context deadline exceeded|timed out|timeout/.test(text))
    return l10n.t('the probe did not answer within timeoutSeconds');
  if (/no route to host|i\/o timeout/.test(text)) return l10n.t('the pod IP was unreachable');
  return l10n.t('the probe reported a failure');
}

/** explainUnhealthy explains `Unhealthy` ("Liveness probe failed: ..."). */
export function explainUnhealthy(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const { pod, podRef } = podOf(e, cache);
  const m = /^(Liveness|Readiness|Startup) probe (failed|errored): ?(.*)$/s.exec(e.message.slice(0, 2048));
  const kind = m?.[1];
  const output = m?.[3]?.trim() ?? '';
  const name = eventContainer(e);
  b.step(describeStep(podRef, l10n));
  if (!kind) {
    b.lower('generic').fact(l10n.t('The kubelet reported: {0}', e.message));
    return b.build(l10n.t('A probe of the container failed'));
  }
  const what = probeFailure(output, l10n);
  // "Liveness probe failed: <output>" is the kubelet's own text: kept as it wrote it.
  b.fact(`${kind} probe ${m![2]}: ${output || l10n.t('(no output)')}`, podRef); // l10n-verbatim
  const probe = pod && name ? probeOf(containerSpec(pod, name), `${kind.toLowerCase()}Probe`) : undefined;
  if (probe) b.fact(l10n.t('{0} probe of {1}: {2}', kind, name!, describeProbeConfig(probe, l10n)), podRef);
  else b.lower('partial');
  const st = pod && name ? containerStatus(pod, name) : undefined;
  const restarts = st ? int(st['restartCount']) : undefined;
  let effect: string;
  if (kind === 'Readiness') effect = l10n.t("the pod is taken out of its Services' endpoints (no restart)");
  else effect = l10n.t('the kubelet restarts the container after failureThreshold failures');
  if (restarts !== undefined)
    b.fact(
      kind !== 'Readiness' && restarts > 0
        ? l10n.t(
            'Container {0}: {1}, consistent with probe-driven restarts',
            name!,
            restartCount(restarts, l10n),
          )
        : l10n.t('Container {0}: {1}', name!, restartCount(restarts, l10n)),
      podRef,
    );
  if (
    /connection refused/.test(output) &&
    probe &&
    int(probe['initialDelaySeconds']) === 0 &&
    kind !== 'Startup'
  )
    b.fact(
      l10n.t(
        'initialDelaySeconds is 0: the probe may start before the application listens (consider a startupProbe)',
      ),
      podRef,
    );
  return b.build(
    l10n.t('{0} probe of {1} fails: {2}; {3}', kind, name ?? l10n.t('the container'), what, effect),
  );
}
