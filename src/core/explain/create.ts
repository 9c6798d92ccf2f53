/**
 * create: explains `FailedCreate` from the ReplicaSet, Job, StatefulSet and DaemonSet
 * controllers: a ResourceQuota exceeded ("exceeded quota: q, requested: ..., used: ...,
 * limited: ..."), a quota that demands limits ("failed quota: q: must specify ..."), a Pod
 * Security violation ("violates PodSecurity \"restricted:latest\": ..."), a missing service
 * account, a LimitRange, or an admission webhook denial.
 */
import { rec, str } from '../resources/read';
import { Builder, describeStep, involvedRef, kubectlStep, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation } from './types';

/** QuotaExceeded is the parsed "exceeded quota" message. */
export interface QuotaExceeded {
  quota: string;
  requested: Record<string, string>;
  used: Record<string, string>;
  limited: Record<string, string>;
}

function pairs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of s.split(',').slice(0, 16)) {
    const i = p.indexOf('=');
    if (i > 0) out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** parseQuotaExceeded parses resourcequota's "exceeded quota: %s, requested: %s, used: %s, limited: %s". */
export function parseQuotaExceeded(msg: string): QuotaExceeded | undefined {
  const m =
    /exceeded quota: ([^,]{1,253}), requested: (\S{1,512}), used: (\S{1,512}), limited: (\S{1,512}?)\.?$/.exec(
      msg.slice(0, 4096),
    );
  if (!m) return undefined;
  return { quota: m[1]!, requested: pairs(m[2]!), used: pairs(m[3]!), limited: pairs(m[4]!) };
}

/** explainFailedCreate explains one FailedCreate event. */
export function explainFailedCreate(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const owner = involvedRef(e);
  const ns = owner.namespace;
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(owner));
  const q = parseQuotaExceeded(msg);
  if (q) {
    const qref = ref('ResourceQuota', ns, q.quota);
    for (const k of Object.keys(q.requested))
      b.fact(
        `${k}: requested ${q.requested[k]}, used ${q.used[k] ?? '?'}, hard limit ${q.limited[k] ?? '?'} (ResourceQuota ${q.quota})`,
      );
    if (cache.watches('ResourceQuota')) {
      const quota = cache.get('ResourceQuota', ns, q.quota);
      if (quota) {
        const used = rec(rec(quota['status'])['used']);
        const hard = rec(rec(quota['status'])['hard']);
        const now = Object.keys(q.requested).map(
          (k) => `${k} ${String(used[k] ?? '?')}/${String(hard[k] ?? '?')}`,
        );
        b.fact(`ResourceQuota ${q.quota} now: ${now.join(', ')} used`, qref);
      } else b.fact(`ResourceQuota ${q.quota} no longer exists`, qref, true).lower('partial');
    }
    b.step(kubectlStep(`Show quota ${q.quota}`, `kubectl describe resourcequota ${q.quota} -n ${ns}`));
    const first = Object.keys(q.requested)[0];
    return b.build(
      `ResourceQuota ${q.quota} is exhausted${first ? `: ${first} would be ${q.used[first] ?? '?'} + ${q.requested[first]} over a hard limit of ${q.limited[first] ?? '?'}` : ''}`,
    );
  }
  const fq = /failed quota: ([^:]{1,253}): must specify (.{1,512})/.exec(msg);
  if (fq) {
    b.fact(`ResourceQuota ${fq[1]} requires every container to set ${fq[2]}`);
    return b.build(`ResourceQuota ${fq[1]} requires resource requests/limits the pod template does not set`);
  }
  const pss = /violates PodSecurity "([^"]{1,64})": (.{1,2048})/.exec(msg);
  if (pss) {
    const violations = pss[2]!
      .split(/\), (?=[a-zA-Z])/)
      .map((v, i, all) => (i < all.length - 1 ? `${v})` : v));
    for (const v of violations.slice(0, 8)) b.fact(`Pod Security ${pss[1]}: ${v}`);
    if (cache.watches('Namespace')) {
      const nsObj = cache.get('Namespace', '', ns);
      const level = str(rec(nsObj?.metadata.labels)['pod-security.kubernetes.io/enforce']);
      if (nsObj && level)
        b.fact(
          `Namespace ${ns} enforces pod-security.kubernetes.io/enforce=${level}`,
          ref('Namespace', '', ns),
        );
    }
    return b.build(
      `The pod template violates the namespace's Pod Security level ${pss[1]} (${violations.length} violation${violations.length === 1 ? '' : 's'})`,
    );
  }
  const sa = /serviceaccount "([^"]{1,253})" not found/.exec(msg);
  if (sa) {
    const r = ref('ServiceAccount', ns, sa[1]!);
    if (!cache.watches('ServiceAccount'))
      b.fact(`ServiceAccount ${sa[1]} was not found (ServiceAccounts are not cached)`).lower('partial');
    else if (cache.get('ServiceAccount', ns, sa[1]!))
      b.fact(`ServiceAccount ${sa[1]} exists now: the controller's next retry should succeed`, r).lower(
        'partial',
      );
    else b.fact(`ServiceAccount ${sa[1]} does not exist in namespace ${ns}`, r, true);
    b.step(kubectlStep(`Create ServiceAccount ${sa[1]}`, `kubectl create serviceaccount ${sa[1]} -n ${ns}`));
    return b.build(`The pod template uses ServiceAccount ${sa[1]}, which does not exist`);
  }
  const hook = /admission webhook "([^"]{1,253})" denied the request: ?([\s\S]{0,1024})/.exec(msg);
  if (hook) {
    b.fact(`Webhook ${hook[1]} said: ${hook[2]!.replace(/\s+/g, ' ').trim() || '(no reason)'}`);
    return b.build(`Admission webhook ${hook[1]} denied the pod`);
  }
  if (/failed calling webhook "([^"]{1,253})"/.test(msg)) {
    const name = /failed calling webhook "([^"]{1,253})"/.exec(msg)![1];
    b.fact(
      `The API server could not reach webhook ${name}: ${msg.replace(/^.*failed calling webhook "[^"]*": ?/, '')}`,
    );
    return b.build(`Admission webhook ${name} is unreachable, so pod creation fails`);
  }
  const lr =
    /(maximum|minimum) (\S{1,64}) usage per (Container|Pod) is (\S{1,64}), but (?:limit|request) is (\S{1,64})/.exec(
      msg,
    );
  if (lr) {
    b.fact(`LimitRange: ${lr[1]} ${lr[2]} per ${lr[3]} is ${lr[4]}, the template asks for ${lr[5]}`);
    b.step(kubectlStep('Show LimitRanges', `kubectl describe limitrange -n ${ns}`));
    return b.build(`A LimitRange in ${ns} rejects the pod's ${lr[2]} (${lr[1]} ${lr[4]}, asked ${lr[5]})`);
  }
  b.fact(`The controller reported: ${msg}`).lower('generic');
  b.step(
    kubectlStep('Show the events', `kubectl events -n ${ns} --for ${owner.kind.toLowerCase()}/${owner.name}`),
  );
  return b.build(`${owner.kind || 'The controller'} ${owner.name} could not create its pods`);
}
