/**
 * corpusPods: kubelet messages about a pod's containers and volumes, as the kubelet writes
 * them (pkg/kubelet/images/image_manager.go, kuberuntime, prober, volumemanager) with the
 * container runtime's error text (containerd), and the caches that produce them.
 */
import { cacheOf, container, ev, NOW, obj, pod, pvc, terminated } from './builders';
import type { CorpusCase } from './corpusCase';

const P = { kind: 'Pod', namespace: 'shop', name: 'web-1' };
const APP = { fieldPath: 'spec.containers{app}' };
const kubelet = (reason: string, message: string) => ev(reason, message, P, APP);
const pull = (image: string, err: string) => kubelet('Failed', `Failed to pull image "${image}": ${err}`);
const withPod =
  (o: Parameters<typeof pod>[2], extra: Parameters<typeof cacheOf>[0] = {}) =>
  () =>
    cacheOf({ Pod: [pod('shop', 'web-1', { node: 'n1', ...o })], ...extra });
const waiting = (reason: string, message: string, image = 'nginx:1.27') => [
  { name: 'app', image, ready: false, restartCount: 0, state: { waiting: { reason, message } } },
];
const crashed = (
  restarts: number,
  exitCode: number,
  reason: string,
  ran = 12_000,
  extra: Record<string, unknown> = {},
) => [
  {
    name: 'app',
    ready: false,
    restartCount: restarts,
    state: {
      waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' },
    },
    lastState: terminated(exitCode, reason, NOW - 60_000 - ran, NOW - 60_000),
    ...extra,
  },
];
const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';
const UNAUTHORIZED =
  'rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/team/api:1.4": failed to resolve reference "registry.example.com/team/api:1.4": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://registry.example.com/token?scope=repository%3Ateam%2Fapi%3Apull&service=registry: 401 Unauthorized';
const memLimited = container({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
const live = {
  httpGet: { path: '/healthz', port: 8080 },
  periodSeconds: 10,
  failureThreshold: 3,
  timeoutSeconds: 1,
};

export const PODS: CorpusCase[] = [
  {
    name: 'tag not found',
    event: pull('nginx:doesnotexist', NOT_FOUND),
    cache: withPod({ containers: [container({ image: 'nginx:doesnotexist' })] }),
    cause: /The image or tag does not exist in the registry: nginx:doesnotexist/,
    evidence: [/Image nginx:doesnotexist from registry docker\.io \(container app\)/],
  },
  {
    name: 'unauthorized, pull secret missing',
    event: pull('registry.example.com/team/api:1.4', UNAUTHORIZED),
    cache: withPod({ imagePullSecrets: ['regcred'] }, { Secret: [] }),
    cause: /missing or wrong credentials: registry\.example\.com\/team\/api:1\.4/,
    evidence: [/registry registry\.example\.com/, /imagePullSecret regcred does not exist in namespace shop/],
    absent: ['Secret/shop/regcred'],
  },
  {
    name: 'unauthorized, pull secret exists',
    event: pull('registry.example.com/team/api:1.4', UNAUTHORIZED),
    cache: withPod({ imagePullSecrets: ['regcred'] }, { Secret: [obj('Secret', 'shop', 'regcred')] }),
    cause: /missing or wrong credentials/,
    evidence: [/imagePullSecret regcred exists/],
  },
  {
    name: 'unauthorized, secrets not watched',
    event: pull('registry.example.com/team/api:1.4', UNAUTHORIZED),
    cache: withPod({ imagePullSecrets: ['regcred'] }),
    cause: /missing or wrong credentials/,
    evidence: [/Secrets are not cached: existence unknown/],
    never: [/does not exist/],
  },
  {
    name: 'pull access denied (missing or private repository), anonymous',
    event: pull(
      'private/app:1.0',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/private/app:1.0": failed to resolve reference "docker.io/private/app:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ),
    cache: withPod({}),
    cause: /the repository does not exist or needs credentials: private\/app:1\.0/,
    evidence: [/names no imagePullSecrets/],
  },
  {
    name: 'Docker Hub rate limit',
    event: pull(
      'redis:7',
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:7": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/sha256:3a1e: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
    ),
    cache: withPod({}),
    cause: /rate-limiting pulls: redis:7/,
  },
  {
    name: 'no image for the platform',
    event: pull(
      'example/arm-only:1.0',
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/example/arm-only:1.0": no match for platform in manifest: not found',
    ),
    cache: withPod({}),
    cause: /no variant for the node's OS\/architecture: example\/arm-only:1\.0/,
  },
  {
    name: 'registry host unknown',
    event: pull(
      'registry.internal:5000/app:2',
      'rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal:5000/app:2": failed to resolve reference "registry.internal:5000/app:2": failed to do request: Head "https://registry.internal:5000/v2/app/manifests/2": dial tcp: lookup registry.internal on 10.96.0.10:53: no such host',
    ),
    cache: withPod({}),
    cause: /could not reach the registry/,
    evidence: [/registry registry\.internal:5000/],
  },
  {
    name: 'untrusted registry certificate',
    event: pull(
      'harbor.corp/app:2',
      'rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp/app:2": failed to resolve reference "harbor.corp/app:2": failed to do request: Head "https://harbor.corp/v2/app/manifests/2": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    ),
    cache: withPod({}),
    cause: /does not trust the registry's TLS certificate/,
  },
  {
    name: 'Error: ErrImagePull reads the waiting message',
    event: kubelet('Failed', 'Error: ErrImagePull'),
    cache: withPod({
      containers: [container({ image: 'nginx:doesnotexist' })],
      statuses: waiting('ErrImagePull', NOT_FOUND, 'nginx:doesnotexist'),
    }),
    cause: /does not exist in the registry: nginx:doesnotexist/,
    evidence: [/The container is waiting: rpc error: code = NotFound/],
  },
  {
    name: 'Error: ImagePullBackOff reads the waiting message',
    event: kubelet('Failed', 'Error: ImagePullBackOff'),
    cache: withPod({
      statuses: waiting(
        'ImagePullBackOff',
        `Back-off pulling image "registry.example.com/team/api:1.4": ErrImagePull: ${UNAUTHORIZED}`,
      ),
    }),
    cause: /missing or wrong credentials/,
  },
  {
    name: 'Back-off pulling image',
    event: kubelet('BackOff', 'Back-off pulling image "nginx:doesnotexist"'),
    cache: withPod({
      statuses: waiting(
        'ImagePullBackOff',
        `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${NOT_FOUND}`,
      ),
    }),
    cause: /does not exist in the registry: nginx:doesnotexist/,
  },
  {
    name: 'InspectFailed on an invalid reference',
    event: kubelet(
      'InspectFailed',
      'Failed to apply default image tag "nginx:": couldn\'t parse image name "nginx:": invalid reference format',
    ),
    cache: withPod({}),
    cause: /The image reference is not valid: nginx:/,
  },
  {
    name: 'ErrImageNeverPull',
    event: kubelet('ErrImageNeverPull', 'Container image "app:dev" is not present with pull policy of Never'),
    cache: withPod({}),
    cause: /imagePullPolicy is Never and the image is not on the node/,
  },
  {
    name: 'CrashLoopBackOff, application error',
    event: ev(
      'BackOff',
      'Back-off restarting failed container app in pod web-1_shop(2f6c0f5e-7d0e-4b7e-9a51-0c7f2c1d9e11)',
      P,
      APP,
    ),
    cache: withPod({ statuses: crashed(5, 1, 'Error') }),
    cause:
      /Container app keeps exiting \(exit code 1, Error: the application exited with an error\), 5 restarts/,
    evidence: [/Last exit: code 1 \(Error\) after running 12s/, /5 restarts/],
  },
  {
    name: 'CrashLoopBackOff, command not found (1.26 wording without pod)',
    event: ev('BackOff', 'Back-off restarting failed container', P, APP),
    cache: withPod({ statuses: crashed(3, 127, 'ContainerCannotRun') }),
    cause: /exit code 127.*command was not found/,
  },
  {
    name: 'CrashLoopBackOff after OOMKilled',
    event: ev('BackOff', 'Back-off restarting failed container app in pod web-1_shop(2f6c0f5e)', P, APP),
    cache: withPod({ containers: [memLimited], statuses: crashed(7, 137, 'OOMKilled') }),
    cause: /OOMKilled: killed for exceeding its memory limit/,
    evidence: [/memory limit 256Mi, request 128Mi/],
  },
  {
    name: 'CrashLoopBackOff, SIGKILL with a liveness probe',
    event: ev('BackOff', 'Back-off restarting failed container app in pod web-1_shop(2f6c0f5e)', P, APP),
    cache: withPod({ containers: [container({ livenessProbe: live })], statuses: crashed(4, 137, 'Error') }),
    cause: /exit code 137/,
    evidence: [/a failing probe also ends in SIGKILL/],
  },
  {
    name: 'CrashLoopBackOff, pod not cached',
    event: ev('BackOff', 'Back-off restarting failed container app in pod web-1_shop(2f6c0f5e)', P, APP),
    cache: () => cacheOf({}),
    cause: /keeps exiting/,
    confidence: 'partial',
  },
  {
    name: 'OOMKilled reported on the pod',
    event: ev('OOMKilled', 'Container app exceeded its memory limit', P),
    cache: withPod({ containers: [memLimited], statuses: crashed(2, 137, 'OOMKilled') }),
    cause: /Container app used more memory than its limit \(256Mi\) and was killed/,
  },
  {
    name: 'liveness probe answers 500',
    event: kubelet('Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500'),
    cache: withPod({ containers: [container({ livenessProbe: live })], statuses: crashed(3, 137, 'Error') }),
    cause: /Liveness probe of app fails: the endpoint answered HTTP 500; the kubelet restarts the container/,
    evidence: [
      /http-get http:\/\/:8080\/healthz delay=0s timeout=1s period=10s #failure=3/,
      /3 restarts, consistent with probe-driven restarts/,
    ],
  },
  {
    name: 'readiness probe connection refused',
    event: kubelet(
      'Unhealthy',
      'Readiness probe failed: Get "http://10.244.1.7:8080/ready": dial tcp 10.244.1.7:8080: connect: connection refused',
    ),
    cache: withPod({
      containers: [container({ readinessProbe: { httpGet: { path: '/ready', port: 8080 } } })],
    }),
    cause:
      /Readiness probe of app fails: nothing was listening on the probed port; the pod is taken out of its Services' endpoints \(no restart\)/,
    evidence: [/initialDelaySeconds is 0/],
  },
  {
    name: 'liveness probe timeout',
    event: kubelet(
      'Unhealthy',
      'Liveness probe failed: Get "http://10.244.1.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    ),
    cache: withPod({ containers: [container({ livenessProbe: live })] }),
    cause: /did not answer within timeoutSeconds/,
  },
  {
    name: 'startup probe exec failure',
    event: kubelet(
      'Unhealthy',
      "Startup probe failed: cat: can't open '/tmp/started': No such file or directory",
    ),
    cache: withPod({
      containers: [
        container({
          startupProbe: {
            exec: { command: ['cat', '/tmp/started'] },
            failureThreshold: 30,
            periodSeconds: 10,
          },
        }),
      ],
    }),
    cause: /Startup probe of app fails: the probe reported a failure/,
    evidence: [/exec \[cat \/tmp\/started\]/],
  },
  {
    name: 'ConfigMap missing',
    event: kubelet(
      'FailedMount',
      'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    ),
    cache: withPod({ volumes: [{ name: 'config', configMap: { name: 'app-config' } }] }, { ConfigMap: [] }),
    cause: /ConfigMap app-config is missing \(volume config\)/,
    absent: ['ConfigMap/shop/app-config'],
  },
  {
    name: 'ConfigMap created since',
    event: kubelet(
      'FailedMount',
      'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    ),
    cache: withPod(
      { volumes: [{ name: 'config', configMap: { name: 'app-config' } }] },
      { ConfigMap: [obj('ConfigMap', 'shop', 'app-config')] },
    ),
    cause: /ConfigMap app-config is missing/,
    evidence: [/exists now: the next mount retry should succeed/],
    confidence: 'partial',
  },
  {
    name: 'Secret missing, Secrets not watched',
    event: kubelet('FailedMount', 'MountVolume.SetUp failed for volume "tls" : secret "web-tls" not found'),
    cache: withPod({ volumes: [{ name: 'tls', secret: { secretName: 'web-tls' } }] }),
    cause: /Secret web-tls is missing \(volume tls\)/,
    evidence: [/Secrets are not cached, so whether it exists now is unknown/],
    confidence: 'partial',
  },
  {
    name: 'mount timed out on an unbound claim',
    event: kubelet(
      'FailedMount',
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-8x2k4]: timed out waiting for the condition',
    ),
    cache: withPod(
      { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }] },
      { PersistentVolumeClaim: [pvc('shop', 'data-web-1', 'Pending', 'standard')] },
    ),
    cause: /timed out mounting data/,
    evidence: [/PersistentVolumeClaim data-web-1 is Pending, StorageClass standard/],
  },
  {
    name: 'Multi-Attach',
    event: ev(
      'FailedAttachVolume',
      'Multi-Attach error for volume "pvc-3f2a9c1e-58d4-4d8c-9a0e-2b1c3d4e5f60" Volume is already exclusively attached to one node and can\'t be attached to another',
      P,
      { source: 'attachdetach-controller' },
    ),
    cache: withPod({}),
    cause:
      /Volume pvc-3f2a9c1e-58d4-4d8c-9a0e-2b1c3d4e5f60 is still attached to another node \(Multi-Attach\)/,
  },
  {
    name: 'AttachVolume.Attach failed',
    event: ev(
      'FailedAttachVolume',
      'AttachVolume.Attach failed for volume "pvc-3f2a" : rpc error: code = Internal desc = Could not attach volume "vol-0abc" to node "i-0123": attachment of disk "vol-0abc" failed, expected device to be attached but was attaching',
      P,
      { source: 'attachdetach-controller' },
    ),
    cache: withPod({}),
    cause: /could not attach volume pvc-3f2a to the node/,
  },
  {
    name: 'NFS mount failure',
    event: kubelet(
      'FailedMount',
      'MountVolume.SetUp failed for volume "nfs" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 10.0.0.5:/exports /var/lib/kubelet/pods/x/volumes/kubernetes.io~nfs/nfs\nOutput: mount.nfs: access denied by server while mounting 10.0.0.5:/exports',
    ),
    cache: withPod({}),
    cause: /could not mount volume nfs/,
    evidence: [/mount\(8\) failed on the node/],
  },
];
