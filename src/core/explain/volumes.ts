/**
 * volumes: explains volume events: `FailedMount` (kubelet), `FailedAttachVolume`
 * (attach/detach controller), `FailedBinding` and `ProvisioningFailed` (PV controller, on a
 * claim). Messages name the volume and often the missing ConfigMap / Secret / StorageClass;
 * the cache says whether it exists now and what phase the claims are in.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs, str } from '../resources/read';
import { addClaimEvidence, claimNames, podObjectSources } from './storage';
import { Builder, describeStep, involvedRef, kubectlStep, quotedAfter, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation, Ref } from './types';

/** explainVolume explains FailedMount / FailedAttachVolume / FailedBinding / ProvisioningFailed. */
export function explainVolume(e: ExplainEvent, cache: ExplainCache): Explanation {
  if (e.reason === 'FailedBinding' || e.reason === 'ProvisioningFailed') return explainClaim(e, cache);
  const b = new Builder(e.reason);
  const target = involvedRef(e);
  const pod = e.involved.kind === 'Pod' ? cache.get('Pod', target.namespace, target.name) : undefined;
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(target));
  const volume = quotedAfter(msg, 'for volume ');
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
      `Volume ${volume ?? '?'} is ReadWriteOnce and attached to another node${users ? `; used by ${users}` : ''}`,
      target,
    );
    if (pod) addClaimEvidence(b, cache, target.namespace, claimNames(pod));
    b.step(kubectlStep('Find the attachment', 'kubectl get volumeattachments'));
    return b.build(
      `Volume ${volume ?? ''} is still attached to another node (Multi-Attach)`.replace('  ', ' '),
    );
  }
  const unmounted = /unmounted volumes=\[([^\]]{0,1024})\]/.exec(msg);
  if (unmounted) {
    const names = unmounted[1]!.split(/[ ,]+/).filter(Boolean);
    b.fact(`Volumes not mounted in time: ${names.join(', ')}`, target);
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
      `The kubelet timed out mounting ${names.join(', ')}; an earlier FailedMount usually names the cause`,
    );
  }
  if (/^AttachVolume\.Attach failed/.test(msg)) {
    b.fact(
      `Attaching volume ${volume ?? '?'} failed: ${msg.replace(/^AttachVolume\.Attach failed for volume "[^"]*" ?: ?/, '')}`,
      target,
    );
    if (pod) addClaimEvidence(b, cache, target.namespace, claimNames(pod));
    return b.lower('partial').build(`The storage driver could not attach volume ${volume ?? ''} to the node`);
  }
  if (/^MountVolume\.(SetUp|MountDevice|NewMounter|WaitForAttach)/.test(msg)) {
    const stage = /^MountVolume\.(\w+)/.exec(msg)![1];
    b.fact(`MountVolume.${stage} failed for ${volume ?? '?'}: ${msg.replace(/^[^:]*: ?/, '')}`, target);
    if (/exit status 32|mount failed/.test(msg))
      b.fact(
        'mount(8) failed on the node: check the server address, export and that the node has the client tools (nfs-common, ...)',
      );
    return b.lower('partial').build(`The kubelet could not mount volume ${volume ?? ''}`);
  }
  b.fact(`The component reported: ${msg}`).lower('generic');
  return b.build('A volume of the pod could not be attached or mounted');
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
  const r = ref(kind, ns, name);
  const where = volume ? ` (volume ${volume})` : '';
  if (!cache.watches(kind)) {
    b.fact(
      `${kind} ${name} was not found when the kubelet mounted it${where}; ${kind}s are not cached, so whether it exists now is unknown`,
    ).lower('partial');
  } else if (cache.get(kind, ns, name)) {
    b.fact(`${kind} ${name} exists now: the next mount retry should succeed`, r).lower('partial');
    b.step(describeStep(r));
  } else {
    b.fact(`${kind} ${name} does not exist in namespace ${ns}`, r, true);
  }
  const optional = pod
    ? podObjectSources(pod).find((s) => s.kind === kind && s.name === name)?.optional
    : undefined;
  if (optional === false) b.fact(`The pod requires it (not marked optional)`);
  b.step(
    kubectlStep(
      `Create ${kind} ${name}`,
      `kubectl create ${kind === 'Secret' ? 'secret generic' : 'configmap'} ${name} -n ${ns} --from-literal=...`,
    ),
  );
  return `${kind} ${name} is missing${where}: the pod cannot start until it exists`;
}

function sourcesFacts(b: Builder, cache: ExplainCache, pod: KubeObject, volumes: string[]): void {
  const vols = recs(rec(pod['spec'])['volumes']).filter((v) => volumes.includes(String(v['name'])));
  const sources = podObjectSources({ ...pod, spec: { volumes: vols } } as KubeObject);
  for (const s of sources) {
    if (!cache.watches(s.kind)) continue;
    const ns = pod.metadata.namespace ?? '';
    if (!cache.get(s.kind, ns, s.name) && !s.optional)
      b.fact(`${s.kind} ${s.name} does not exist in namespace ${ns}`, ref(s.kind, ns, s.name), true);
  }
}

function explainClaim(e: ExplainEvent, cache: ExplainCache): Explanation {
  const b = new Builder(e.reason);
  const target: Ref = involvedRef(e);
  const msg = e.message.slice(0, 4096);
  b.step(describeStep(target));
  const pvc =
    target.kind === 'PersistentVolumeClaim' && cache.watches('PersistentVolumeClaim')
      ? cache.get('PersistentVolumeClaim', target.namespace, target.name)
      : undefined;
  if (pvc) addClaimEvidence(b, cache, target.namespace, [target.name]);
  else b.lower('partial');
  const sc = /storageclass\.storage\.k8s\.io "([^"]{1,253})" not found/.exec(msg)?.[1];
  if (sc) {
    if (cache.watches('StorageClass') && !cache.get('StorageClass', '', sc))
      b.fact(`StorageClass ${sc} does not exist`, ref('StorageClass', '', sc), true);
    else if (cache.watches('StorageClass'))
      b.fact(`StorageClass ${sc} exists now`, ref('StorageClass', '', sc)).lower('partial');
    b.step(kubectlStep('List StorageClasses', 'kubectl get storageclass'));
    return b.build(`The claim names StorageClass ${sc}, which does not exist`);
  }
  if (/no persistent volumes available for this claim and no storage class is set/.test(msg)) {
    b.step(kubectlStep('List PersistentVolumes', 'kubectl get pv'));
    return b.build(
      'No PersistentVolume matches the claim, and without a StorageClass none will be provisioned',
    );
  }
  const pv = quotedAfter(msg, 'volume ');
  if (/already bound to a different claim/.test(msg))
    return b.build(`PersistentVolume ${pv ?? ''} is bound to another claim`.replace('  ', ' '));
  const cannot = /^Cannot bind to requested volume "[^"]*": (.+)$/.exec(msg);
  if (cannot)
    return b.build(
      `The requested PersistentVolume ${pv ?? ''} cannot be bound: ${cannot[1]}`.replace('  ', ' '),
    );
  const prov = /^failed to provision volume with StorageClass "([^"]{1,253})": (.+)$/s.exec(msg);
  if (prov) {
    b.fact(`The provisioner of ${prov[1]} answered: ${prov[2]}`, ref('StorageClass', '', prov[1]!));
    if (/ResourceExhausted|quota|QuotaExceeded/i.test(prov[2]!))
      return b.build(`The storage backend of ${prov[1]} is out of capacity or quota`);
    return b.lower('partial').build(`Provisioning with StorageClass ${prov[1]} failed`);
  }
  b.fact(`The PV controller reported: ${msg}`).lower('generic');
  return b.build(
    e.reason === 'FailedBinding'
      ? 'The claim could not be bound to a PersistentVolume'
      : 'A volume could not be provisioned for the claim',
  );
}
