/**
 * image: explains image pull failures: the kubelet's `Failed` (Failed to pull image "x": ...,
 * Error: ErrImagePull, Error: ImagePullBackOff, Error: InvalidImageName), `BackOff` (Back-off
 * pulling image "x"), `InspectFailed` and `ErrImageNeverPull`. The runtime's error text says
 * whether the image was not found, the registry refused the credentials, rate-limited the
 * pull, or has no image for the node's platform; the cache says which imagePullSecrets the
 * pod names and whether they exist.
 */
import type { KubeObject } from '../cache/types';
import { rec, recs, str } from '../resources/read';
import { englishL10n, type Localizer } from '../util/l10n';
import { allContainerStatuses, containerSpec, eventContainer } from './podFacts';
import { Builder, describeStep, involvedRef, kubectlStep, quotedAfter, ref } from './text';
import type { ExplainCache, ExplainEvent, Explanation } from './types';
import { LIMITS } from './types';

/** PullFailure classifies a runtime's pull error. */
export type PullFailure =
  | 'rate-limited'
  | 'unauthorized'
  | 'denied-or-missing'
  | 'platform'
  | 'not-found'
  | 'network'
  | 'tls'
  | 'invalid-name'
  | 'never-pull'
  | 'unknown';

/** classifyPullError classifies the text of a pull error (containerd, CRI-O, Docker). */
export function classifyPullError(text: string): PullFailure {
  const t = text.slice(0, LIMITS.messageChars);
  if (/toomanyrequests|429 Too Many Requests|pull rate limit|rate limit exceeded/i.test(t))
    return 'rate-limited';
  if (/pull access denied, repository does not exist or may require authorization/i.test(t))
    return 'denied-or-missing';
  if (
    /401 Unauthorized|403 Forbidden|unauthorized|authentication required|authorization failed|denied: |access denied|no basic auth credentials/i.test(
      t,
    )
  )
    return 'unauthorized';
  if (
    /no match for platform in manifest|does not match the specified platform|no matching manifest for/i.test(
      t,
    )
  )
    return 'platform';
  if (/not found|manifest unknown|NotFound|name unknown|does not exist/i.test(t)) return 'not-found';
  if (/x509:|certificate signed by unknown authority|tls: /i.test(t)) return 'tls';
  if (
    /no such host|i\/o timeout|connection refused|dial tcp|network is unreachable|context deadline exceeded|TLS handshake timeout/i.test(
      t,
    )
  )
    return 'network';
  if (/InvalidImageName|couldn't parse image (?:reference|name)|invalid reference format/i.test(t))
    return 'invalid-name';
  if (/is not present with pull policy of Never|ErrImageNeverPull/.test(t)) return 'never-pull';
  return 'unknown';
}

/** registryOf returns the registry host of an image reference (docker.io when none is named). */
export function registryOf(image: string): string {
  const i = image.indexOf('/');
  if (i < 0) return 'docker.io';
  const first = image.slice(0, i);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

const CAUSE: Record<PullFailure, (l10n: Localizer) => string> = {
  'rate-limited': (l10n) => l10n.t('The registry is rate-limiting pulls'),
  unauthorized: (l10n) => l10n.t('The registry refused the pull: missing or wrong credentials'),
  'denied-or-missing': (l10n) =>
    l10n.t('The registry refused the pull: the repository does not exist or needs credentials'),
  platform: (l10n) => l10n.t("The image has no variant for the node's OS/architecture"),
  'not-found': (l10n) => l10n.t('The image or tag does not exist in the registry'),
  network: (l10n) => l10n.t('The node could not reach the registry'),
  tls: (l10n) => l10n.t("The node does not trust the registry's TLS certificate"),
  'invalid-name': (l10n) => l10n.t('The image reference is not valid'),
  'never-pull': (l10n) => l10n.t('imagePullPolicy is Never and the image is not on the node'),
  unknown: (l10n) => l10n.t('The image could not be pulled'),
};

/** isImageEvent reports whether an event is about pulling an image. */
export function isImageEvent(e: ExplainEvent): boolean {
  if (
    ['ErrImagePull', 'ImagePullBackOff', 'InspectFailed', 'ErrImageNeverPull', 'InvalidImageName'].includes(
      e.reason,
    )
  )
    return true;
  if (e.reason === 'Failed')
    return /^Failed to pull image|^Error: (?:ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull)/.test(
      e.message,
    );
  if (e.reason === 'BackOff') return /^Back-off pulling image/.test(e.message);
  return false;
}

/** explainImage explains one image pull event. */
export function explainImage(
  e: ExplainEvent,
  cache: ExplainCache,
  _now?: number,
  l10n: Localizer = englishL10n,
): Explanation {
  const b = new Builder(e.reason, l10n);
  const podRef = involvedRef(e);
  const pod = e.involved.kind === 'Pod' ? cache.get('Pod', podRef.namespace, podRef.name) : undefined;
  const container = eventContainer(e);
  let image = quotedAfter(e.message, 'image ');
  if (!image && pod && container) image = str(containerSpec(pod, container)?.['image']);
  let errorText = e.message;
  // "Error: ErrImagePull" and "Back-off pulling image" do not carry the runtime's error: the
  // container status's waiting message does.
  if (pod && !/Failed to pull image|Failed to inspect image|not present with pull policy/.test(e.message)) {
    const st = allContainerStatuses(pod).find((s) => !container || s['name'] === container);
    const waiting = rec(rec(st?.['state'])['waiting']);
    if (str(waiting['message'])) errorText = String(waiting['message']);
  }
  let kind =
    e.reason === 'InspectFailed' && !/Failed to pull/.test(errorText)
      ? classifyInspect(errorText)
      : classifyPullError(errorText);
  // The waiting message may say only "Back-off pulling image": the kubelet's "Failed to pull
  // image" event about the same pod and image carries the runtime's error.
  const lastPull = kind === 'unknown' && pod && image ? lastPullError(cache, pod, image) : undefined;
  if (lastPull) kind = classifyPullError(lastPull);
  if (image)
    b.fact(
      container
        ? l10n.t('Image {0} from registry {1} (container {2})', image, registryOf(image), container)
        : l10n.t('Image {0} from registry {1}', image, registryOf(image)),
      podRef,
    );
  else b.lower('partial');
  if (errorText !== e.message) b.fact(l10n.t('The container is waiting: {0}', errorText), podRef);
  if (lastPull) b.fact(l10n.t('The last pull failed: {0}', lastPull), podRef);
  if (kind === 'unknown') b.lower('partial');
  if (pod) pullSecrets(b, cache, pod, kind);
  else b.fact(l10n.t('Pod {0} is not in the cache', podRef.name)).lower('partial');
  b.step(describeStep(podRef, l10n));
  if (image && kind !== 'invalid-name')
    b.step(kubectlStep(l10n.t('Try the pull from your machine'), `docker manifest inspect ${image}`));
  return b.build(`${CAUSE[kind](l10n)}${image ? `: ${image}` : ''}`);
}

/** lastPullError is the message of the newest "Failed to pull image" event about `pod` and `image`. */
function lastPullError(cache: ExplainCache, pod: KubeObject, image: string): string | undefined {
  const prefix = `Failed to pull image "${image}"`; // l10n-verbatim (the kubelet's words)
  let newest: ExplainEvent | undefined;
  for (const ev of cache.eventsAbout(pod.metadata.uid ?? '')) {
    if (ev.reason !== 'Failed' || !ev.message.startsWith(prefix)) continue;
    if (!newest || (ev.lastSeen ?? 0) > (newest.lastSeen ?? 0)) newest = ev;
  }
  return newest?.message;
}

function classifyInspect(text: string): PullFailure {
  if (/Failed to apply default image tag|couldn't parse image|invalid reference format/.test(text))
    return 'invalid-name';
  return classifyPullError(text);
}

function pullSecrets(b: Builder, cache: ExplainCache, pod: KubeObject, kind: PullFailure): void {
  const { l10n } = b;
  const ns = pod.metadata.namespace ?? '';
  const names = recs(rec(pod['spec'])['imagePullSecrets'])
    .map((s) => str(s['name']))
    .filter((n): n is string => !!n);
  const relevant = kind === 'unauthorized' || kind === 'denied-or-missing' || kind === 'rate-limited';
  if (names.length === 0) {
    if (relevant)
      b.fact(
        l10n.t('The pod names no imagePullSecrets: the pull was anonymous (unless the node has credentials)'),
        involvedPod(pod),
      );
    return;
  }
  for (const name of names.slice(0, 8)) {
    const r = ref('Secret', ns, name);
    if (!cache.watches('Secret'))
      b.fact(
        l10n.t('imagePullSecret {0} (Secrets are not cached: existence unknown)', name),
        involvedPod(pod),
      );
    else if (cache.get('Secret', ns, name)) b.fact(l10n.t('imagePullSecret {0} exists', name), r);
    else {
      b.fact(l10n.t('imagePullSecret {0} does not exist in namespace {1}', name, ns), r, true);
      b.step(
        kubectlStep(
          l10n.t('Create Secret {0}', name),
          `kubectl create secret docker-registry ${name} -n ${ns} --docker-server=<registry> --docker-username=<user> --docker-password=<password>`,
        ),
      );
    }
  }
}

function involvedPod(pod: KubeObject) {
  return ref('Pod', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
}
