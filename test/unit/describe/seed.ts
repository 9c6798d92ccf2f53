/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited as wire JSON */
/**
 * seed: the cluster the kubectl comparison describes: a rolled-out Deployment (an old and a
 * new ReplicaSet) with a crash-looping pod, a Service, a LoadBalancer Service, a Node with
 * taints and pods, a Namespace, a finished Job and its pod, a StatefulSet, a DaemonSet and a
 * CronJob, each with the events their controllers would record.
 */
import type { TestServer } from '../../server';
import * as f from '../../server/fixtures';

/** ownedBy selects objects with an owner reference to `uid`. */
export function ownedBy(uid: string) {
  return (o: any) => (o.metadata.ownerReferences ?? []).some((r: any) => r.uid === uid);
}

/** seed creates a small, realistic cluster: a rolled-out Deployment with a crash-looping pod, and friends. */
export function seed(server: TestServer, now: number): void {
  const ago = (ms: number) => now - ms;
  server.create(f.namespace('web', { creationTimestamp: ago(86_400_000), annotations: { owner: 'team-a' } }));
  const node = f.node('node-1', { roles: ['control-plane'], creationTimestamp: ago(2 * 86_400_000) }) as any;
  node.metadata.annotations = {
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  node.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  node.status.capacity = {
    cpu: '4',
    memory: '8148236Ki',
    pods: '110',
    'ephemeral-storage': '102626232Ki',
    'hugepages-2Mi': '0',
  };
  node.status.allocatable = { ...node.status.capacity };
  node.status.nodeInfo.machineID = 'f3b1c2d4e5';
  server.create(node);

  const dep = f.deployment('web', 'frontend', {
    replicas: 2,
    readyReplicas: 1,
    creationTimestamp: ago(3_600_000),
    labels: { tier: 'web', 'app.kubernetes.io/part-of': 'shop' },
  }) as any;
  Object.assign(dep.metadata.annotations, {
    'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment"}\n',
    'example.com/long': 'x'.repeat(150),
    'example.com/multi': 'first line\nsecond line\n',
    'example.com/short': 'yes',
  });
  const c = dep.spec.template.spec.containers[0];
  c.resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };
  c.livenessProbe = {
    httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  };
  c.readinessProbe = {
    tcpSocket: { port: 80 },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  };
  c.env = [
    { name: 'MODE', value: 'prod' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
    { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  ];
  c.volumeMounts = [{ name: 'config', mountPath: '/etc/app', readOnly: true }];
  dep.spec.template.spec.volumes = [
    { name: 'config', configMap: { name: 'frontend-config', defaultMode: 420 } },
  ];
  dep.spec.template.spec.tolerations = [
    { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
  ];
  const d = server.create(dep) as any;
  const rs = server.create(
    f.replicaSet('web', 'frontend-5d8f9c7b6', {
      deployment: d,
      readyReplicas: 1,
      creationTimestamp: ago(1_800_000),
    }),
  ) as any;
  const old = f.replicaSet('web', 'frontend-7c6d5b4a3', {
    deployment: d,
    replicas: 0,
    creationTimestamp: ago(3_600_000),
  }) as any;
  old.spec.template.spec.containers[0].image = 'nginx:1.25';
  old.status = { replicas: 0, observedGeneration: 1 };
  server.create(old);

  const podSpec = (p: any) => {
    const pc = p.spec.containers[0];
    Object.assign(pc, {
      resources: c.resources,
      livenessProbe: c.livenessProbe,
      readinessProbe: c.readinessProbe,
      env: c.env,
    });
    pc.volumeMounts = [
      ...c.volumeMounts,
      {
        name: 'kube-api-access-x7k2p',
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        readOnly: true,
      },
    ];
    p.spec.volumes = [
      ...dep.spec.template.spec.volumes,
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt' } },
            {
              downwardAPI: {
                items: [
                  { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                ],
              },
            },
          ],
        },
      },
    ];
    p.spec.priority = 0;
    p.status.qosClass = 'Burstable';
    return p;
  };
  const labels = { app: 'frontend', 'pod-template-hash': '5d8f9c7b6' };
  const crashing = server.create(
    podSpec(
      f.pod('web', 'frontend-5d8f9c7b6-abcde', {
        owner: rs,
        labels,
        creationTimestamp: ago(600_000),
        containers: [{ waitingReason: 'CrashLoopBackOff', restartCount: 5, lastTerminatedReason: 'Error' }],
      }),
    ),
  ) as any;
  const healthy = server.create(
    podSpec(
      f.pod('web', 'frontend-5d8f9c7b6-fghij', { owner: rs, labels, creationTimestamp: ago(1_700_000) }),
    ),
  ) as any;

  server.create(
    f.event('web', crashing, {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container app in pod frontend-5d8f9c7b6-abcde_web(1234)',
      count: 27,
      firstTimestamp: ago(500_000),
      lastTimestamp: ago(12_000),
      fieldPath: 'spec.containers{app}',
    }),
  );
  server.create(
    f.event('web', crashing, {
      reason: 'Pulled',
      message: 'Container image "nginx:1.27" already present on machine',
      count: 6,
      firstTimestamp: ago(590_000),
      lastTimestamp: ago(200_000),
      fieldPath: 'spec.containers{app}',
    }),
  );
  server.create(
    f.eventV1('web', crashing, {
      reason: 'Scheduled',
      note: 'Successfully assigned web/frontend-5d8f9c7b6-abcde to node-1',
      eventTime: ago(600_000),
    }),
  );
  server.create(
    f.event('web', healthy, {
      reason: 'Started',
      message: '  Started container app  ',
      firstTimestamp: ago(1_690_000),
      fieldPath: 'spec.containers{app}',
    }),
  );
  server.create(
    f.event('web', d, {
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set frontend-5d8f9c7b6 to 2',
      source: 'deployment-controller',
      firstTimestamp: ago(1_800_000),
    }),
  );
  server.create(
    f.event('web', d, {
      reason: 'ScalingReplicaSet',
      message: 'Scaled down replica set frontend-7c6d5b4a3 to 0 from 2',
      source: 'deployment-controller',
      firstTimestamp: ago(1_700_000),
    }),
  );
  server.create(
    f.event('web', rs, {
      reason: 'SuccessfulCreate',
      message: 'Created pod: frontend-5d8f9c7b6-abcde',
      source: 'replicaset-controller',
      count: 2,
      firstTimestamp: ago(1_790_000),
      lastTimestamp: ago(600_000),
    }),
  );

  const svc = f.service('web', 'frontend', { selector: { app: 'frontend' } }) as any;
  svc.spec.ports = [
    { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
    { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
  ];
  Object.assign(svc.spec, {
    sessionAffinity: 'None',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    clusterIPs: ['10.96.0.10'],
    internalTrafficPolicy: 'Cluster',
  });
  server.create(svc);

  const edge = f.service('web', 'edge', { selector: { app: 'frontend' } }) as any;
  edge.spec = {
    ...edge.spec,
    type: 'LoadBalancer',
    ports: [{ port: 443, protocol: 'TCP', targetPort: 8443, nodePort: 31443 }],
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32000,
    externalIPs: ['203.0.113.7'],
    loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
  };
  edge.status = { loadBalancer: { ingress: [{ ip: '198.51.100.10' }, { hostname: 'edge.example.com' }] } };
  const e = server.create(edge) as any;
  server.create(
    f.event('web', e, {
      type: 'Warning',
      reason: 'SyncLoadBalancerFailed',
      message: 'Error syncing load balancer: quota exceeded',
      source: 'service-controller',
      count: 3,
      firstTimestamp: ago(400_000),
      lastTimestamp: ago(30_000),
    }),
  );

  const job = f.job('web', 'migrate', { succeeded: 1, creationTimestamp: ago(900_000) }) as any;
  job.spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'c0ffee' } };
  job.spec.completionMode = 'NonIndexed';
  job.spec.suspend = false;
  job.status = {
    succeeded: 1,
    ready: 0,
    startTime: f.rfc3339(ago(900_000)),
    completionTime: f.rfc3339(ago(840_000)),
  };
  const j = server.create(job) as any;
  const jp = f.pod('web', 'migrate-x2x9q', {
    owner: j,
    labels: { 'job-name': 'migrate' },
    phase: 'Succeeded',
    creationTimestamp: ago(900_000),
    containers: [{ name: 'migrate', image: 'busybox:1.36', terminatedReason: 'Completed' }],
  }) as any;
  jp.spec.restartPolicy = 'Never';
  jp.spec.nodeSelector = { 'kubernetes.io/os': 'linux', disk: 'ssd' };
  jp.spec.tolerations = [{ operator: 'Exists' }, { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }];
  Object.assign(jp.spec.containers[0], {
    command: ['/bin/sh', '-c'],
    args: ['echo migrating\nsleep 1'],
    envFrom: [
      { configMapRef: { name: 'migrate-env' } },
      { secretRef: { name: 'migrate-secret', optional: true }, prefix: 'DB_' },
    ],
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } },
    volumeMounts: [
      { name: 'scratch', mountPath: '/scratch' },
      { name: 'host', mountPath: '/host/logs', subPath: 'app', readOnly: true },
    ],
  });
  jp.spec.containers[0].ports = [];
  jp.spec.initContainers = [
    {
      name: 'wait-db',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'],
      resources: {},
    },
  ];
  jp.status.initContainerStatuses = [
    {
      name: 'wait-db',
      image: 'busybox:1.36',
      imageID: 'docker.io/library/busybox@sha256:1',
      containerID: 'containerd://abc',
      ready: true,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: f.rfc3339(ago(899_000)),
          finishedAt: f.rfc3339(ago(898_000)),
        },
      },
    },
  ];
  jp.spec.volumes = [
    { name: 'scratch', emptyDir: { sizeLimit: '512Mi' } },
    { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
  ];
  delete jp.status.qosClass;
  server.create(jp);
  server.create(
    f.event('web', j, {
      reason: 'SuccessfulCreate',
      message: 'Created pod: migrate-x2x9q',
      source: 'job-controller',
      firstTimestamp: ago(900_000),
    }),
  );
  server.create(
    f.event('web', j, {
      reason: 'Completed',
      message: 'Job completed',
      source: 'job-controller',
      firstTimestamp: ago(840_000),
    }),
  );

  const sts = f.statefulSet('web', 'db', { replicas: 1, creationTimestamp: ago(7_200_000) }) as any;
  sts.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  sts.spec.volumeClaimTemplates = [
    {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
  ];
  const s = server.create(sts) as any;
  server.create(
    f.pod('web', 'db-0', {
      owner: s,
      labels: { app: 'db' },
      creationTimestamp: ago(7_100_000),
      containers: [{ image: 'postgres:16', name: 'postgres' }],
    }),
  );
  server.create(
    f.eventV1('web', s, {
      reason: 'SuccessfulCreate',
      note: 'create Pod db-0 in StatefulSet db successful',
      reportingController: 'statefulset-controller',
      action: 'Create',
      eventTime: ago(7_100_000),
      series: { count: 3, lastObservedTime: ago(60_000) },
    }),
  );

  const ds = f.daemonSet('web', 'logs', { creationTimestamp: ago(86_000_000) }) as any;
  ds.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  ds.status.updatedNumberScheduled = 1;
  const dsObj = server.create(ds) as any;
  server.create(
    f.pod('web', 'logs-q8w2z', {
      owner: dsObj,
      labels: { app: 'logs' },
      creationTimestamp: ago(86_000_000),
      containers: [{ image: 'fluent/fluent-bit:3.1' }],
    }),
  );
  server.create(
    f.pod('web', 'logs-pending', {
      owner: dsObj,
      labels: { app: 'logs' },
      phase: 'Pending',
      nodeName: 'node-2',
    }),
  );

  const cj = f.cronJob('web', 'nightly', { schedule: '0 3 * * *' }) as any;
  Object.assign(cj.spec, {
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    startingDeadlineSeconds: 200,
  });
  cj.status = {
    lastScheduleTime: f.rfc3339(ago(3_000_000)),
    active: [{ kind: 'Job', namespace: 'web', name: 'nightly-28912345', apiVersion: 'batch/v1' }],
  };
  const cron = server.create(cj) as any;
  server.create(
    f.event('web', cron, {
      reason: 'SuccessfulCreate',
      message: 'Created job nightly-28912345',
      source: 'cronjob-controller',
      firstTimestamp: ago(3_000_000),
    }),
  );

  const nodeRef = { kind: 'Node', name: 'node-1', uid: 'node-1', apiVersion: 'v1' };
  server.create(
    f.event('default', nodeRef, {
      reason: 'NodeReady',
      message: 'Node node-1 status is now: NodeReady',
      firstTimestamp: ago(170_000_000),
      source: { component: 'kubelet', host: 'node-1' },
    }),
  );
  // An event about a same-named object of another kind must not be shown.
  server.create(
    f.event(
      'web',
      { kind: 'Service', name: 'frontend-5d8f9c7b6-abcde', namespace: 'web', uid: 'other' },
      { reason: 'Decoy' },
    ),
  );
}
