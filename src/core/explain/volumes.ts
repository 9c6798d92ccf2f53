/**
 * volumes: explains volume events: `FailedMount` (kubelet), `FailedAttachVolume`
 * (attach/detach controller), `FailedBinding` and `ProvisioningFailed` (PV controller, on a
 * claim). Messages name the volume and often the missing ConfigMap / Secret / StorageClass;
 * the cache says whether it exists now and what phase the claims are in.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs, str } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
import { addClaimEvidence, claimNames, podObjectSources } from './storage';
import { Builder, describeStep, involvedRef, kubectlStep, quotedAfter, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

/** explainVolume explains FailedMount / FailedAttachVolume / FailedBinding / ProvisioningFailed. */
export function explainVolume(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  if (e.reason === 'FailedBinding' || e.reason === 'ProvisioningFailed') return explainClaim(e, cache, l10n);
  const b = new Builder(e.reason, l10n);
  const target = involvedRef(e);
  const pod = e.involved.kind === 'Pod' ? cache.get('Pod', target.namespace, target.name) : undefined;
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(target, l10n));
  const volume = quotedAfter(msg, 'for volume '); // l10n-verbatim: the kubelet's text
  const missing = /(configmap|secret) "([^"]{1,253})" not found/i.exec(msg);
  if (missing) {
    const kind = missing[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    const name = missing[2]!;
    const cause = objectFact(b, cache, kind, target.namespace, name, pod, volume);
    return b.build(cause);
  }
  if (/^Multi-Attach error/.test(msg)) {
    const users = /already used by pod\(s\) (.+)$/.exec(msg)?.[1];
    b.fact(
      users
        ? l10n.t(
            'Volume {0} is ReadWriteOnce and attached to another node; used by {1}',
            volume ?? '?',
            users,
          )
        : l10n.t('Volume {0} is ReadWriteOnce and attached to another node', volume ?? '?'),
      target,
    );
    if (pod) addClaimEvidence(b, cache, target.namespace, claimNames(pod));
    b.step(kubectlStep(l10n.t('Find the attachment'), 'kubectl get volumeattachments'));
    return b.build(
      volume
        ? l10n.t('Volume {0} is still attached to another node (Multi-Attach)', volume)
        : l10n.t('Volume is still attached to another node (Multi-Attach)'),
    );
  }
  const unmounted = /unmounted volumes=\[([^\]]{0,1024})\]/.exec(msg);
  if (unmounted) {
    const names = unmounted[1]!.split(/[ ,]+/).filter(Boolean);
    b.fact(l10n.t('Volumes not mounted in time: {0}', names.join(', ')), target);
    if (pod) {
      const claims = new Set(claimNames(pod));
      const vols = recs(rec(pod['spec'])['volumes']);
      const claimOf = (n: string) =>
        str(rec(vols.find((v) => v['name'] === n)?.['persistentVolumeClaim'])['claimName']);
      const relevant = names.map(claimOf).filter((c): c is string => !!c && claims.has(c));
      addClaimEvidence(b, cache, target.namespace, relevant);
      sourcesFacts(b, cache, pod, names);
    } else b.lower('partial');
    return b.build(
      l10n.t(
        'The kubelet timed out mounting {0}; an earlier FailedMount usually names the cause',
        names.join(', '),
      ),
    );
  }
  if (/^AttachVolume\.Attach failed/.test(msg)) {
    b.fact(
      l10n.t(
        'Attaching volume {0} failed: {1}',
        volume ?? '?',
        msg.replace(/^AttachVolume\.Attach failed for volume "[^"]*" ?: ?/, ''),
      ),
      target,
    );
    if (pod) addClaimEvidence(b, cache, target.namespace, claimNames(pod));
    return b
      .lower('partial')
      .build(l10n.t('The storage driver could not attach volume {0} to the node', volume ?? ''));
  }
  if (/^MountVolume\.(SetUp|MountDevice|NewMounter|WaitForAttach)/.test(msg)) {
    const stage = /^MountVolume\.(\w+)/.exec(msg)![1];
    b.fact(
      l10n.t('{0} failed for {1}: {2}', `MountVolume.${stage}`, volume ?? '?', msg.replace(/^[^:]*: ?/, '')),
      target,
    );
    if (/exit status 32|mount failed/.test(msg))
      b.fact(
        l10n.t(
          'mount(8) failed on the node: check the server address, export and that the node has the client tools (nfs-common, ...)',
        ),
      );
    return b.lower('partial').build(l10n.t('The kubelet could not mount volume {0}', volume ?? ''));
  }
  b.fact(l10n.t('The component reported: {0}', msg)).lower('generic');
  return b.build(l10n.t('A volume of the pod could not be attached or mounted'));
}

function objectFact(
  b: Builder,
  cache: ExplainCache,
  kind: 'ConfigMap' | 'Secret',
  ns: string,
  name: string,
  pod: KubeObject | undefined,
  volume: string | undefined,
): string {
  const { l10n } = b;
  const r = ref(kind, ns, name);
  const what = `${kind} ${name}`;
  const where = volume ? l10n.t(' (volume {0})', volume) : '';
  if (!cache.watches(kind)) {
    b.fact(
      kind === 'Secret'
        ? l10n.t(
            '{0} was not found when the kubelet mounted it{1}; Secrets are not cached, so whether it exists now is unknown',
            what,
            where,
          )
        : l10n.t(
            '{0} was not found when the kubelet mounted it{1}; ConfigMaps are not cached, so whether it exists now is unknown',
            what,
            where,
          ),
    ).lower('partial');
  } else if (cache.get(kind, ns, name)) {
    b.fact(l10n.t('{0} exists now: the next mount retry should succeed', what), r).lower('partial');
    b.step(describeStep(r, l10n));
  } else {
    b.fact(l10n.t('{0} does not exist in namespace {1}', what, ns), r, true);
  }
  const optional = pod
    ? podObjectSources(pod).find((s) => s.kind === kind && s.name === name)?.optional
    : undefined;
  if (optional === false) b.fact(l10n.t('The pod requires it (not marked optional)'));
  b.step(
    kubectlStep(
      l10n.t('Create {0}', what),
      `kubectl create ${kind === 'Secret' ? 'secret generic' : 'configmap'} ${name} -n ${ns} --from-literal=...`, // l10n-verbatim: a kubectl argument
    ),
  );
  return l10n.t('{0} is missing{1}: the pod cannot start until it exists', what, where);
}

function sourcesFacts(b: Builder, cache: ExplainCache, pod: KubeObject, volumes: string[]): void {
  const vols = recs(rec(pod['spec'])['volumes']).filter((v) => volumes.includes(String(v['name'])));
  const sources = podObjectSources({ ...pod, spec: { volumes: vols } } as KubeObject);
  for (const s of sources) {
    if (!cache.watches(s.kind)) continue;
    const ns = pod.metadata.namespace ?? '';
    if (!cache.get(s.kind, ns, s.name) && !s.optional)
      b.fact(
        b.l10n.t('{0} does not exist in namespace {1}', `${s.kind} ${s.name}`, ns),
        ref(s.kind, ns, s.name),
        true,
      );
  }
}

function explainClaim(e: ExplainEvent, cache: ExplainCache, l10n: Localizer): Explanation {
  const b = new Builder(e.reason, l10n);
  const target: Ref = involvedRef(e);
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(target, l10n));
  const pvc =
    target.kind === 'PersistentVolumeClaim' && cache.watches('PersistentVolumeClaim')
      ? cache.get('PersistentVolumeClaim', target.namespace, target.name)
      : undefined;
  if (pvc) addClaimEvidence(b, cache, target.namespace, [target.name]);
  else b.lower('partial');
  const sc = /storageclass\.storage\.k8s\.io "([^"]{1,253})" not found/.exec(msg)?.[1];
  if (sc) {
    const existsNow = cache.watches('StorageClass') && cache.get('StorageClass', '', sc) !== undefined;
    if (cache.watches('StorageClass') && !existsNow)
      b.fact(l10n.t('StorageClass {0} does not exist', sc), ref('StorageClass', '', sc), true);
    else if (existsNow)
      b.fact(l10n.t('StorageClass {0} exists now', sc), ref('StorageClass', '', sc)).lower('partial');
    b.step(kubectlStep(l10n.t('List StorageClasses'), 'kubectl get storageclass'));
    // Never claim it is missing when the cache holds it: it was created since the failure.
    return b.build(
      existsNow
        ? l10n.t('The claim names StorageClass {0}, which did not exist when provisioning failed', sc)
        : l10n.t('The claim names StorageClass {0}, which does not exist', sc),
    );
  }
  if (/no persistent volumes available for this claim and no storage class is set/.test(msg)) {
    b.step(kubectlStep(l10n.t('List PersistentVolumes'), 'kubectl get pv'));
    return b.build(
      l10n.t('No PersistentVolume matches the claim, and without a StorageClass none will be provisioned'),
    );
  }
  const pv = quotedAfter(msg, 'volume ');
  if (/already bound to a different claim/.test(msg))
    return b.build(
      pv
        ? l10n.t('PersistentVolume {0} is bound to another claim', pv)
        : l10n.t('PersistentVolume is bound to another claim'),
    );
  const cannot = /^Cannot bind to requested volume "[^"]*": (.+)$/.exec(msg);
  if (cannot)
    return b.build(
      pv
        ? l10n.t('The requested PersistentVolume {0} cannot be bound: {1}', pv, cannot[1]!)
        : l10n.t('The requested PersistentVolume cannot be bound: {0}', cannot[1]!),
    );
  const prov = /^failed to provision volume with StorageClass "([^"]{1,253})": (.+)$/s.exec(msg);
  if (prov) {
    b.fact(
      l10n.t('The provisioner of {0} answered: {1}', prov[1]!, prov[2]!),
      ref('StorageClass', '', prov[1]!),
    );
    if (/ResourceExhausted|quota|QuotaExceeded/i.test(prov[2]!))
      return b.build(l10n.t('The storage backend of {0} is out of capacity or quota', prov[1]!));
    return b.lower('partial').build(l10n.t('Provisioning with StorageClass {0} failed', prov[1]!));
  }
  b.fact(l10n.t('The PV controller reported: {0}', msg)).lower('generic');
  return b.build(
    e.reason === 'FailedBinding'
      ? l10n.t('The claim could not be bound to a PersistentVolume')
      : l10n.t('A volume could not be provisioned for the claim'),
  );
}
