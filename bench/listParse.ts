/**
 * listParse: peak RSS of reading one unpaginated List of N pod-sized objects, the way the
 * engine read it before issue 10/11 (the whole body as one string, then JSON.parse) and after
 * (src/kube/httpListerWatcher: the body scanned item by item, each item stripped by the cache
 * transform as it arrives), with and without gzip on the wire.
 *
 *   npx tsx bench/listParse.ts [20000 100000] [--modes before,after]
 *
 * The parent process serves the list over HTTP on 127.0.0.1, generating it as it streams (the
 * server never holds it), and counts the bytes on the wire; each measurement runs in a fresh
 * child process, whose peak RSS (getrusage maxrss) is the figure. Items are kept until the end,
 * as the cache keeps them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { stripForCache } from '../src/core/cache/transform';
import type { KubeObject } from '../src/core/cache/types';
import { PODS } from '../src/core/kinds';
import { createListerWatcher } from '../src/kube/httpListerWatcher';
import { KubeTransport } from '../src/kube/transport';

type Mode = 'before' | 'after' | 'after-no-strip' | 'after-gzip';
const MODES: Mode[] = ['before', 'after-no-strip', 'after', 'after-gzip'];

/** hex is a deterministic per-pod random-looking id, so gzip sees a real cluster's entropy. */
const hex = (salt: string, i: number, len: number) =>
  createHash('sha256').update(`${salt}${i}`).digest('hex').slice(0, len);

/** benchPod is a pod as a real API server lists it: owner, labels, status and two managedFields entries (~4.4 KB). */
function benchPod(i: number): object {
  const ns = `ns-${i % 100}`;
  const name = `web-7d9c8b6f5-${i.toString(36).padStart(5, '0')}`;
  const at = '2025-01-01T00:00:00Z';
  const fields = (keys: string[]) => Object.fromEntries(keys.map((k) => [`f:${k}`, {}]));
  return {
    metadata: {
      name,
      generateName: 'web-7d9c8b6f5-',
      namespace: ns,
      uid: `${hex('u', i, 8)}-${hex('v', i, 4)}-4a1e-9b7d-${hex('w', i, 12)}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: at,
      labels: { app: 'web', 'pod-template-hash': '7d9c8b6f5' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d9c8b6f5',
          uid: 'rs-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: ['kube-controller-manager', 'kubelet'].map((manager) => ({
        manager,
        operation: 'Update',
        apiVersion: 'v1',
        time: at,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:generateName': {}, 'f:labels': fields(['app', 'pod-template-hash']) },
          'f:spec': {
            'f:containers': {
              'k:{"name":"app"}': fields([
                'image',
                'imagePullPolicy',
                'name',
                'resources',
                'terminationMessagePath',
                'terminationMessagePolicy',
              ]),
            },
            ...fields([
              'dnsPolicy',
              'enableServiceLinks',
              'restartPolicy',
              'schedulerName',
              'securityContext',
              'terminationGracePeriodSeconds',
            ]),
          },
          'f:status': {
            'f:conditions': Object.fromEntries(
              ['ContainersReady', 'Initialized', 'PodScheduled', 'Ready'].map((t) => [
                `k:{"type":"${t}"}`,
                fields(['lastProbeTime', 'lastTransitionTime', 'status', 'type']),
              ]),
            ),
            ...fields(['containerStatuses', 'hostIP', 'phase', 'podIP', 'podIPs', 'startTime']),
          },
        },
      })),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/team/web:1.27.3',
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
          volumeMounts: [
            {
              name: 'kube-api-access',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: `node-${i % 200}`,
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: 'Running',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: at,
      })),
      hostIP: '10.0.0.1',
      podIP: `10.244.${(i >> 8) & 255}.${i & 255}`,
      startTime: at,
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          restartCount: 0,
          image: 'registry.example.com/team/web:1.27.3',
          imageID: 'registry.example.com/team/web@sha256:' + 'ab'.repeat(32),
          containerID: 'containerd://' + hex('c', i, 64),
          started: true,
          state: { running: { startedAt: at } },
        },
      ],
    },
  };
}

/** serve streams a List of n pods; gzip when the path starts with /gz and the client asks. */
function serve(n: number, wire: { bytes: number }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const gzip = req.url!.startsWith('/gz') && /gzip/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'Content-Type': 'application/json',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    const count = (b: Buffer) => (wire.bytes += b.length);
    let out: NodeJS.WritableStream = res;
    if (gzip) {
      const gz = zlib.createGzip({ level: 1 }); // kube-apiserver's gzip level
      gz.on('data', count);
      gz.pipe(res);
      out = gz;
    }
    let i = -1;
    const go = () => {
      for (;;) {
        let s: string;
        if (i === -1) s = '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"99"},"items":[';
        else if (i < n) s = (i ? ',' : '') + JSON.stringify(benchPod(i));
        else return void out.end(']}');
        i++;
        if (!gzip) wire.bytes += Buffer.byteLength(s);
        if (!out.write(s)) return void out.once('drain', go);
      }
    };
    go();
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** child reads the list once in `mode` and prints its figures. */
async function child(mode: Mode, url: string): Promise<void> {
  const started = performance.now();
  let items: KubeObject[];
  if (mode === 'before') {
    // The pre-issue-10 code path: readBody (chunks -> one string) then JSON.parse.
    const res = await new Promise<http.IncomingMessage>((r, j) =>
      http.get(`${url}/plain/api/v1/pods`, r).on('error', j),
    );
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: KubeObject[] };
    items = body.items;
    for (const item of items) {
      item.apiVersion = 'v1';
      item.kind = 'Pod';
    }
    // The informer stripped them afterwards, one by one; the page was held until then.
    items = items.map(stripForCache);
  } else {
    const transport = new KubeTransport({
      cluster: { server: `${url}/${mode === 'after-gzip' ? 'gz' : 'plain'}`, rejectUnauthorized: true },
      credentials: { get: async () => ({ headers: {}, generation: 0 }), invalidate: () => undefined },
    });
    const page = await createListerWatcher({
      transport,
      kind: PODS,
      transform: mode === 'after-no-strip' ? undefined : stripForCache,
    }).list({ resourceVersion: '0' }, new AbortController().signal);
    items = page.items;
    transport.dispose();
  }
  const ms = performance.now() - started;
  process.stdout.write(
    JSON.stringify({
      items: items.length,
      ms: Math.round(ms),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3] as Mode, process.argv[4]!);
  const modesAt = process.argv.indexOf('--modes');
  const modes = modesAt > 0 ? (process.argv[modesAt + 1]!.split(',') as Mode[]) : MODES;
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const rows: string[] = [
    '| objects | mode | wire MiB | peak RSS MiB | time ms | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const n of sizes.length ? sizes : [20_000, 100_000]) {
    for (const mode of modes) {
      const wire = { bytes: 0 };
      const server = await serve(n, wire);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        // spawnSync would block the serving event loop: run the child asynchronously.
        const p = spawn(process.execPath, ['--import', 'tsx', process.argv[1]!, '--child', mode, url], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      server.close();
      server.closeAllConnections();
      const mib = (wire.bytes / 1048576).toFixed(1);
      if (out.status === 0) {
        const r = JSON.parse(out.stdout) as { items: number; ms: number; maxRssMiB: number };
        rows.push(`| ${n} | ${mode} | ${mib} | ${r.maxRssMiB} | ${r.ms} | ${r.items} items |`);
      } else {
        const why =
          /RangeError[^\n]*|ERR_STRING_TOO_LONG[^\n]*|heap out of memory/.exec(out.stderr)?.[0] ??
          `exit ${out.status}`;
        rows.push(`| ${n} | ${mode} | ${mib} | - | - | failed: ${why.slice(0, 120)} |`);
      }
      console.log(rows[rows.length - 1]);
    }
  }
  console.log(`\n${rows.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
