/**
 * storage: facts about a pod's volumes from the cache: each PersistentVolumeClaim (exists?
 * phase, StorageClass, and whether that class exists), and each ConfigMap / Secret the pod
 * mounts. A kind the cache does not watch is reported as unknown, never as missing.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs, str } from '../resources/read';
import { describeStep, ref, type Builder } from './text';

/** claimNames returns the PVC names a pod's volumes use. */
export function claimNames(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const v of recs(rec(pod['spec'])['volumes'])) {
    const c = str(rec(v['persistentVolumeClaim'])['claimName']);
    if (c) out.push(c);
    // Generic ephemeral volumes create a PVC named <pod>-<volume>.
    if (v['ephemeral'] && str(v['name'])) out.push(`${pod.metadata.name ?? ''}-${String(v['name'])}`);
  }
  return out;
}

/** ClaimFacts summarises what the cache says about a claim. */
export interface ClaimFacts {
  name: string;
  state: 'unknown' | 'missing' | 'bound' | 'pending' | 'lost';
  storageClass?: string;
  /** undefined when StorageClasses are not cached. */
  storageClassExists?: boolean;
}

/** claimFacts reads one claim (and its StorageClass) from the cache. */
export function claimFacts(cache: ReadCache, namespace: string, name: string): ClaimFacts {
  if (!cache.watches('PersistentVolumeClaim')) return { name, state: 'unknown' };
  const pvc = cache.get('PersistentVolumeClaim', namespace, name);
  if (!pvc) return { name, state: 'missing' };
  const phase = str(rec(pvc['status'])['phase']);
  const sc = str(rec(pvc['spec'])['storageClassName']);
  const facts: ClaimFacts = {
    name,
    state: phase === 'Bound' ? 'bound' : phase === 'Lost' ? 'lost' : 'pending',
  };
  if (sc) {
    facts.storageClass = sc;
    if (cache.watches('StorageClass')) facts.storageClassExists = !!cache.get('StorageClass', '', sc);
  }
  return facts;
}

/** ReadCache is the part of ExplainCache storage facts need. */
export interface ReadCache {
  watches(kind: string): boolean;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  list(kind: string, namespace?: string): KubeObject[];
}

/**
 * addClaimEvidence adds one evidence line per claim and returns the claims not bound. A
 * claim without a class is matched against the default StorageClass when classes are cached.
 */
export function addClaimEvidence(
  b: Builder,
  cache: ReadCache,
  namespace: string,
  names: string[],
): ClaimFacts[] {
  const { l10n } = b;
  const notBound: ClaimFacts[] = [];
  for (const name of names) {
    const f = claimFacts(cache, namespace, name);
    const r = ref('PersistentVolumeClaim', namespace, name);
    if (f.state === 'unknown') {
      b.fact(l10n.t('PersistentVolumeClaim {0}: not in the cache (claims are not watched)', name)).lower(
        'partial',
      );
      notBound.push(f);
      continue;
    }
    if (f.state === 'missing') {
      b.fact(l10n.t('PersistentVolumeClaim {0} does not exist in namespace {1}', name, namespace), r, true);
      b.step({
        title: l10n.t('Create PersistentVolumeClaim {0}', name),
        command: 'kubectl',
        kubectl: `kubectl get pvc -n ${namespace}`,
      });
      notBound.push(f);
      continue;
    }
    const cls = f.storageClass
      ? f.storageClassExists === false
        ? l10n.t('StorageClass {0} (which does not exist)', f.storageClass)
        : `StorageClass ${f.storageClass}`
      : l10n.t('no StorageClass');
    // Bound, Lost, Pending: the claim's phase, as the API names it.
    const phase = f.state === 'bound' ? 'Bound' : f.state === 'lost' ? 'Lost' : 'Pending';
    b.fact(l10n.t('PersistentVolumeClaim {0} is {1}, {2}', name, phase, cls), r);
    if (f.storageClass && f.storageClassExists === false)
      b.fact(
        l10n.t('StorageClass {0} does not exist', f.storageClass),
        ref('StorageClass', '', f.storageClass),
        true,
      );
    if (!f.storageClass && f.state !== 'bound' && cache.watches('StorageClass')) {
      const def = cache
        .list('StorageClass')
        .find((s) => rec(s.metadata.annotations)['storageclass.kubernetes.io/is-default-class'] === 'true');
      b.fact(
        def
          ? l10n.t('The default StorageClass is {0}', def.metadata.name ?? '')
          : l10n.t(
              'There is no default StorageClass, so a claim without a class waits for a matching PersistentVolume',
            ),
        def ? ref('StorageClass', '', def.metadata.name ?? '') : undefined,
      );
    }
    if (f.state !== 'bound') {
      notBound.push(f);
      b.step(describeStep(r, l10n));
    }
  }
  return notBound;
}

/** ObjectSource names a ConfigMap or Secret a pod reads. */
export interface ObjectSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  optional: boolean;
}

/** podObjectSources lists the ConfigMaps and Secrets a pod mounts or reads env from. */
export function podObjectSources(pod: KubeObject): ObjectSource[] {
  const out: ObjectSource[] = [];
  const spec = rec(pod['spec']);
  for (const v of recs(spec['volumes'])) {
    const cm = rec(v['configMap']);
    if (str(cm['name']))
      out.push({ kind: 'ConfigMap', name: String(cm['name']), optional: cm['optional'] === true });
    const s = rec(v['secret']);
    if (str(s['secretName']))
      out.push({ kind: 'Secret', name: String(s['secretName']), optional: s['optional'] === true });
    for (const p of recs(rec(v['projected'])['sources'])) {
      const pcm = rec(p['configMap']);
      if (str(pcm['name']))
        out.push({ kind: 'ConfigMap', name: String(pcm['name']), optional: pcm['optional'] === true });
      const ps = rec(p['secret']);
      if (str(ps['name']))
        out.push({ kind: 'Secret', name: String(ps['name']), optional: ps['optional'] === true });
    }
  }
  return out;
}
