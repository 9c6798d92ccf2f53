/**
 * config: `kubectl describe` for ConfigMap (describeConfigMap), Secret (describeSecret: key
 * names and sizes only, never values) and ServiceAccount (describeServiceAccount). kubectl
 * prints a ConfigMap's and a Secret's keys in Go's random map order; we print them sorted.
 */

import type { KubeObject } from '../cache/types';
import type { Ctx, SecretSummary } from './context';
import { describeEvents } from './events';
import { byString, printAnnotationsMultiline, printLabelsMultiline, writeNameNamespace } from './format';
import { rec, recs, str, strMap } from './fields';
import { DescribeWriter, LEVEL_0 } from './printer';

const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';

/** base64Size is the decoded length of a base64 string (padding and whitespace ignored). */
function base64Size(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const body = v.replace(/[\s=]/g, '');
  return Math.floor((body.length * 3) / 4);
}

/**
 * summarizeSecret reduces a full Secret (as a GET returns it) to its type and per-key decoded
 * sizes (data and stringData keys), so the caller can drop the values at once.
 */
export function summarizeSecret(secret: KubeObject): SecretSummary {
  const sizes: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec(secret.data))) sizes[k] = base64Size(v);
  return { type: str(secret.type), sizes };
}

/** describeConfigMap renders a ConfigMap as `kubectl describe configmap` does (keys sorted). */
export function describeConfigMap(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = strMap(obj.data);
  for (const k of Object.keys(data).sort(byString)) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const binary = rec(obj.binaryData);
  for (const k of Object.keys(binary).sort(byString)) {
    w.write(LEVEL_0, `${k}: ${base64Size(binary[k])} bytes\n`);
  }
  w.write(LEVEL_0, '\n');
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

/**
 * describeSecret renders a Secret as `kubectl describe secret` does: type and each key's size.
 * The sizes come from the object's `data` when it has any, else from the secretSummary lookup
 * (metadata-only caches), which also gives the annotations (the cached object keeps only a few
 * of them; until the lookup answers, those few are printed). Unlike kubectl, a service-account token's value is not printed (its
 * size is), and the Secret's Events are appended (kubectl prints none).
 */
export function describeSecret(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  const own = obj.data !== undefined || typeof obj.type === 'string' ? summarizeSecret(obj) : undefined;
  const summary = own ?? ctx.related.secretSummary?.(str(meta.namespace), str(meta.name));
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  // A metadata-only cache keeps few of a Secret's annotations: the GET's are the whole set.
  printAnnotationsMultiline(w, 'Annotations', summary?.annotations ?? meta.annotations);
  w.write(LEVEL_0, `\nType:\t${summary?.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const sizes = summary?.sizes ?? {};
  for (const k of Object.keys(sizes).sort(byString)) w.write(LEVEL_0, `${k}:\t${sizes[k]} bytes\n`);
  w.flush();
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}

const EMPTY_HEADER = '                   ';
const HEADERS = ['Image pull secrets:', 'Mountable secrets: ', 'Tokens:            '] as const;

/**
 * describeServiceAccount renders a ServiceAccount as `kubectl describe serviceaccount` does:
 * image pull and mountable secrets, token secrets found among the namespace's cached Secrets
 * (type service-account-token, or for metadata-only objects without a type, the service-account
 * name and uid annotations), and "(not found)" after a referenced Secret that is not cached.
 */
export function describeServiceAccount(obj: KubeObject, ctx: Ctx): string {
  const w = new DescribeWriter();
  const meta = rec(obj.metadata);
  writeNameNamespace(w, meta);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  const pull = recs(obj.imagePullSecrets).map((s) => str(s.name));
  const mount = recs(obj.secrets).map((s) => str(s.name));
  const tokens: string[] = [];
  const missing = new Set<string>();
  const secrets = ctx.related.secretsIn?.(str(meta.namespace));
  if (secrets) {
    const existing = new Set<string>();
    for (const s of secrets) {
      const type = (s as { type?: unknown }).type;
      if (type === SERVICE_ACCOUNT_TOKEN || type === undefined) {
        const a = strMap(s.metadata?.annotations);
        if (
          a['kubernetes.io/service-account.name'] === str(meta.name) &&
          a['kubernetes.io/service-account.uid'] === str(meta.uid)
        )
          tokens.push(s.metadata?.name ?? '');
      }
      existing.add(s.metadata?.name ?? '');
    }
    for (const name of [...mount, ...pull]) if (!existing.has(name)) missing.add(name);
  }
  const names: Record<(typeof HEADERS)[number], string[]> = {
    'Image pull secrets:': pull,
    'Mountable secrets: ': mount,
    'Tokens:            ': tokens,
  };
  for (const header of HEADERS) {
    const list = names[header];
    if (list.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix: string = header;
    for (const name of list) {
      w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = EMPTY_HEADER;
    }
  }
  describeEvents(w, ctx.events, ctx.now);
  return w.text();
}
