/**
 * bench/manifests: the workspace manifest index (src/core/manifests), standalone:
 *   npx tsx bench/manifests.ts [--files 10000] [--runs 5]
 * Indexes N generated manifest files (held in memory: the figure is parsing and indexing, not
 * the disk) and re-indexes one edited file. Targets (issue 15): all files <= 2 s, one edit
 * <= 20 ms. Prints medians with min-max of wall time and of the process's CPU time (the machine
 * is shared: CPU time says how much of the wall time was ours).
 */
import { load } from 'js-yaml';
import { ManifestIndex } from '../src/core/manifests/manifestIndex';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const FILES = arg('files', 10_000);
const RUNS = arg('runs', 5);

/** manifest generates a realistic file: a Deployment and a Service, sometimes a ConfigMap. */
function manifest(i: number, edit = 0): string {
  const name = `app-${i}`;
  const docs = [
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ns-${i % 50}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/instance: release-${i % 100}
    helm.sh/chart: chart-1.${i % 7}.0
spec:
  replicas: ${(i % 5) + 1 + edit}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: registry.example.com/${name}:1.${i % 13}
          ports:
            - containerPort: 8080
          env:
            - name: MODE
              value: production
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ns-${i % 50}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
      targetPort: 8080`,
  ];
  if (i % 3 === 0)
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  config.yaml: |
    level: info
    feature: ${i % 2 === 0}`);
  return docs.join('\n---\n');
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const med = s[Math.floor(s.length / 2)]!;
  return `median ${med.toFixed(1)} ms (min ${s[0]!.toFixed(1)}, max ${s.at(-1)!.toFixed(1)})`;
}

const texts = Array.from({ length: FILES }, (_, i) => manifest(i));
const bytes = texts.reduce((n, t) => n + t.length, 0);
const full: number[] = [];
const fullCpu: number[] = [];
const edit: number[] = [];
const editCpu: number[] = [];
let entries = 0;
for (let run = 0; run < RUNS; run++) {
  const index = new ManifestIndex({ load });
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < FILES; i++) index.update(`deploy/app-${i}.yaml`, texts[i]!);
  full.push(performance.now() - t0);
  fullCpu.push(cpuMs() - c0);
  entries = index.entryCount;
  for (let k = 0; k < 20; k++) {
    const i = ((run * 20 + k) * 37) % FILES;
    const text = manifest(i, k + 1);
    const c1 = cpuMs();
    const t1 = performance.now();
    index.update(`deploy/app-${i}.yaml`, text);
    edit.push(performance.now() - t1);
    editCpu.push(cpuMs() - c1);
  }
}
console.log(
  `manifests: ${FILES} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${entries} entries, ${RUNS} runs`,
);
console.log(`  index all files   wall ${stats(full)}   cpu ${stats(fullCpu)}   target <= 2000 ms`);
console.log(`  re-index one edit wall ${stats(edit)}   cpu ${stats(editCpu)}   target <= 20 ms`);
