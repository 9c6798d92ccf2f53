/**
 * podFacts: reading a pod's containers and their statuses for the explainers: which
 * container an event is about (from involvedObject.fieldPath or the message), its spec and
 * its status, and what an exit code usually means.
 */
import type { KubeObject } from '../cache/types';
import { parseTime } from '../events/model';
import { rec, recs, str, type Rec } from '../resources/read';
import type { ExplainEvent } from './types';
import { englishL10n, type Localizer } from '../util/l10n';

/** containerFromFieldPath reads `spec.containers{app}` / `spec.initContainers{init}`. */
export function containerFromFieldPath(fieldPath: string): string | undefined {
  const m = /^spec\.(?:init|ephemeral)?[cC]ontainers\{([^}]{1,253})\}$/.exec(fieldPath);
  return m ? m[1] : undefined;
}

/** eventContainer names the container an event is about, from its fieldPath or `container <name>` in its message. */
export function eventContainer(e: ExplainEvent): string | undefined {
  return (
    containerFromFieldPath(e.involved.fieldPath) ??
    /(?:failed )?container "?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)"? in pod /.exec(
      e.message.slice(0, 2048),
    )?.[1]
  );
}

/** containerSpec returns the spec of container `name` (app, init or ephemeral). */
export function containerSpec(pod: KubeObject, name: string): Rec | undefined {
  const spec = rec(pod['spec']);
  for (const field of ['containers', 'initContainers', 'ephemeralContainers'])
    for (const c of recs(spec[field])) if (c['name'] === name) return c;
  return undefined;
}

/** containerStatus returns the status of container `name`. */
export function containerStatus(pod: KubeObject, name: string): Rec | undefined {
  const status = rec(pod['status']);
  for (const field of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'])
    for (const c of recs(status[field])) if (c['name'] === name) return c;
  return undefined;
}

/** allContainerStatuses returns every container status of a pod. */
export function allContainerStatuses(pod: KubeObject): Rec[] {
  const status = rec(pod['status']);
  return [...recs(status['initContainerStatuses']), ...recs(status['containerStatuses'])];
}

/** LastTermination is the last terminated state of a container. */
export interface LastTermination {
  exitCode: number | undefined;
  reason: string | undefined;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  message: string | undefined;
}

/** lastTermination returns lastState.terminated, else state.terminated. */
export function lastTermination(status: Rec): LastTermination | undefined {
  const t = rec(rec(status['lastState'])['terminated']);
  const cur = rec(rec(status['state'])['terminated']);
  const src = Object.keys(t).length ? t : Object.keys(cur).length ? cur : undefined;
  if (!src) return undefined;
  return {
    exitCode: typeof src['exitCode'] === 'number' ? src['exitCode'] : undefined,
    reason: str(src['reason']),
    startedAt: parseTime(src['startedAt']),
    finishedAt: parseTime(src['finishedAt']),
    message: str(src['message']),
  };
}

/** exitCodeMeaning explains common exit codes (128+n is signal n), in the language of `l10n`. */
export function exitCodeMeaning(
  code: number | undefined,
  reason: string | undefined,
  l10n: Localizer = englishL10n,
): string {
  if (reason === 'OOMKilled') return l10n.t('killed for exceeding its memory limit');
  switch (code) {
    case undefined:
      return l10n.t('exit code unknown');
    case 0:
      return l10n.t('exited successfully, but its restartPolicy restarts it');
    case 1:
      return l10n.t('the application exited with an error');
    case 126:
      return l10n.t('the command is not executable');
    case 127:
      return l10n.t('the command was not found in the image');
    case 137:
      return l10n.t('killed by SIGKILL (out of memory, or did not stop after SIGTERM)');
    case 139:
      return l10n.t('segmentation fault (SIGSEGV)');
    case 143:
      return l10n.t('stopped by SIGTERM');
    default:
      return code > 128 && code < 160
        ? l10n.t('killed by signal {0}', code - 128)
        : l10n.t('the application exited with an error');
  }
}

/** memoryOf returns a container's memory request and limit strings. */
export function memoryOf(c: Rec | undefined): { request?: string; limit?: string } {
  const res = rec(c?.['resources']);
  const request = rec(res['requests'])['memory'];
  const limit = rec(res['limits'])['memory'];
  return {
    request: typeof request === 'string' || typeof request === 'number' ? String(request) : undefined,
    limit: typeof limit === 'string' || typeof limit === 'number' ? String(limit) : undefined,
  };
}
