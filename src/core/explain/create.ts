/**
 * create: explains `FailedCreate` from the ReplicaSet, Job, StatefulSet and DaemonSet
 * controllers: a ResourceQuota exceeded ("exceeded quota: q, requested: ..., used: ...,
 * limited: ..."), a quota that demands limits ("failed quota: q: must specify ..."), a Pod
 * Security violation ("violates PodSecurity \"restricted:latest\": ..."), a missing service
 * account, a LimitRange, or an admission webhook denial.
 */
import { rec, str } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
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
export function explainFailedCreate(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const owner = involvedRef(e);
  const ns = owner.namespace;
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(owner, l10n));
  const q = parseQuotaExceeded(msg);
  if (q) {
    const qref = ref('ResourceQuota', ns, q.quota);
    for (const k of Object.keys(q.requested))
      b.fact(
        l10n.t(
          '{0}: requested {1}, used {2}, hard limit {3} (ResourceQuota {4})',
          k,
          q.requested[k]!,
          q.used[k] ?? '?',
          q.limited[k] ?? '?',
          q.quota,
        ),
      );
    if (cache.watches('ResourceQuota')) {
      const quota = cache.get('ResourceQuota', ns, q.quota);
      if (quota) {
        const used = rec(rec(quota['status'])['used']);
        const hard = rec(rec(quota['status'])['hard']);
        const now = Object.keys(q.requested).map(
          (k) => `${k} ${String(used[k] ?? '?')}/${String(hard[k] ?? '?')}`,
        );
        b.fact(l10n.t('ResourceQuota {0} now: {1} used', q.quota, now.join(', ')), qref);
      } else b.fact(l10n.t('ResourceQuota {0} no longer exists', q.quota), qref, true).lower('partial');
    }
    b.step(
      kubectlStep(l10n.t('Show quota {0}', q.quota), `kubectl describe resourcequota ${q.quota} -n ${ns}`),
    );
    const first = Object.keys(q.requested)[0];
    return b.build(
      first
        ? l10n.t(
            'ResourceQuota {0} is exhausted: {1} would be {2} + {3} over a hard limit of {4}',
            q.quota,
            first,
            q.used[first] ?? '?',
            q.requested[first]!,
            q.limited[first] ?? '?',
          )
        : l10n.t('ResourceQuota {0} is exhausted', q.quota),
    );
  }
  const fq = /failed quota: ([^:]{1,253}): must specify (.{1,512})/.exec(msg);
  if (fq) {
    b.fact(l10n.t('ResourceQuota {0} requires every container to set {1}', fq[1]!, fq[2]!));
    return b.build(
      l10n.t('ResourceQuota {0} requires resource requests/limits the pod template does not set', fq[1]!),
    );
  }
  const pss = /violates PodSecurity "([^"]{1,64})": (.{1,2048})/.exec(msg);
  if (pss) {
    const violations = pss[2]!
      .split(/\), (?=[a-zA-Z])/)
      .map((v, i, all) => (i < all.length - 1 ? `${v})` : v));
    for (const v of violations.slice(0, 8)) b.fact(l10n.t('Pod Security {0}: {1}', pss[1]!, v));
    if (cache.watches('Namespace')) {
      const nsObj = cache.get('Namespace', '', ns);
      const level = str(rec(nsObj?.metadata.labels)['pod-security.kubernetes.io/enforce']);
      if (nsObj && level)
        b.fact(
          l10n.t('Namespace {0} enforces {1}', ns, `pod-security.kubernetes.io/enforce=${level}`),
          ref('Namespace', '', ns),
        );
    }
    return b.build(
      violations.length === 1
        ? l10n.t("The pod template violates the namespace's Pod Security level {0} (1 violation)", pss[1]!)
        : l10n.t(
            "The pod template violates the namespace's Pod Security level {0} ({1} violations)",
            pss[1]!,
            violations.length,
          ),
    );
  }
  const sa = /serviceaccount "([^"]{1,253})" not found/.exec(msg);
  if (sa) {
    const r = ref('ServiceAccount', ns, sa[1]!);
    if (!cache.watches('ServiceAccount'))
      b.fact(l10n.t('ServiceAccount {0} was not found (ServiceAccounts are not cached)', sa[1]!)).lower(
        'partial',
      );
    else if (cache.get('ServiceAccount', ns, sa[1]!))
      b.fact(
        l10n.t("ServiceAccount {0} exists now: the controller's next retry should succeed", sa[1]!),
        r,
      ).lower('partial');
    else b.fact(l10n.t('ServiceAccount {0} does not exist in namespace {1}', sa[1]!, ns), r, true);
    b.step(
      kubectlStep(
        l10n.t('Create ServiceAccount {0}', sa[1]!),
        `kubectl create serviceaccount ${sa[1]} -n ${ns}`,
      ),
    );
    return b.build(l10n.t('The pod template uses ServiceAccount {0}, which does not exist', sa[1]!));
  }
  const hook = /admission webhook "([^"]{1,253})" denied the request: ?([\s\S]{0,1024})/.exec(msg);
  if (hook) {
    b.fact(
      l10n.t(
        'Webhook {0} said: {1}',
        hook[1]!,
        hook[2]!.replace(/\s+/g, ' ').trim() || l10n.t('(no reason)'),
      ),
    );
    return b.build(l10n.t('Admission webhook {0} denied the pod', hook[1]!));
  }
  if (/failed calling webhook "([^"]{1,253})"/.test(msg)) {
    const name = /failed calling webhook "([^"]{1,253})"/.exec(msg)![1];
    b.fact(
      l10n.t(
        'The API server could not reach webhook {0}: {1}',
        name!,
        msg.replace(/^.*failed calling webhook "[^"]*": ?/, ''),
      ),
    );
    return b.build(l10n.t('Admission webhook {0} is unreachable, so pod creation fails', name!));
  }
  const lr =
    /(maximum|minimum) (\S{1,64}) usage per (Container|Pod) is (\S{1,64}), but (?:limit|request) is (\S{1,64})/.exec(
      msg,
    );
  if (lr) {
    // "maximum memory usage per Container": the LimitRanger's words, kept as it wrote them.
    b.fact(
      l10n.t(
        'LimitRange: {0} is {1}, the template asks for {2}',
        `${lr[1]} ${lr[2]} per ${lr[3]}`, // l10n-verbatim
        lr[4]!,
        lr[5]!,
      ),
    );
    b.step(kubectlStep(l10n.t('Show LimitRanges'), `kubectl describe limitrange -n ${ns}`));
    return b.build(
      l10n.t(
        "A LimitRange in {0} rejects the pod's {1} ({2}, asked {3})",
        ns,
        lr[2]!,
        `${lr[1]} ${lr[4]}`,
        lr[5]!,
      ),
    );
  }
  b.fact(l10n.t('The controller reported: {0}', msg)).lower('generic');
  b.step(
    kubectlStep(
      l10n.t('Show the events'),
      `kubectl events -n ${ns} --for ${owner.kind.toLowerCase()}/${owner.name}`,
    ),
  );
  return b.build(
    owner.kind
      ? l10n.t('{0} {1} could not create its pods', owner.kind, owner.name)
      : l10n.t('The controller {0} could not create its pods', owner.name),
  );
}
