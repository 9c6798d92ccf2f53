import * as vscode from 'vscode';
import { ALL_KINDS, type ResourceKind } from '../../core/kinds';

/** DESCRIBE_SCHEME is the scheme of the read-only describe documents. */
export const DESCRIBE_SCHEME = 'kube-describe';

/** ObjectRef names one object of one context. */
export interface ObjectRef {
  readonly context: string;
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * describeUri builds `kube-describe:/Kind name?context=…&namespace=…&resource=…`; the path
 * gives the editor tab its title, the query identifies the object exactly.
 */
export function describeUri(ref: ObjectRef): vscode.Uri {
  const q = new URLSearchParams({
    context: ref.context,
    resource: `${ref.kind.group}/${ref.kind.plural}`,
    name: ref.name,
  });
  // Enough to describe a discovered kind even before discovery answers (e.g. after a reload).
  q.set('version', ref.kind.version);
  q.set('kind', ref.kind.kind);
  q.set('scope', ref.kind.namespaced ? 'Namespaced' : 'Cluster');
  if (ref.namespace) q.set('namespace', ref.namespace);
  return vscode.Uri.from({
    scheme: DESCRIBE_SCHEME,
    path: `/${ref.kind.kind} ${ref.name}`,
    query: q.toString(),
  });
}

/** KindLookup finds a context's kind by group and plural (discovery, see Connections). */
export type KindLookup = (context: string, group: string, plural: string) => ResourceKind | undefined;

const API_NAME = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,252}$/;

/**
 * parseDescribeUri reverses describeUri; undefined when the URI is not one of ours. The kind is
 * the built-in one, else `lookup`'s (discovery), else the one the URI itself describes (group,
 * version, kind and scope, each checked as an API name).
 */
export function parseDescribeUri(uri: vscode.Uri, lookup?: KindLookup): ObjectRef | undefined {
  if (uri.scheme !== DESCRIBE_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const context = q.get('context');
  const name = q.get('name');
  const [group = '', plural = ''] = (q.get('resource') ?? '').split('/');
  if (!context || !name || !plural) return undefined;
  const kind =
    ALL_KINDS.find((k) => k.group === group && k.plural === plural) ??
    lookup?.(context, group, plural) ??
    kindFromQuery(q, group, plural);
  if (!kind) return undefined;
  return { context, kind, name, namespace: q.get('namespace') ?? undefined };
}

function kindFromQuery(q: URLSearchParams, group: string, plural: string): ResourceKind | undefined {
  const version = q.get('version') ?? '';
  const kind = q.get('kind') ?? '';
  const scope = q.get('scope');
  const ok = (v: string) => API_NAME.test(v);
  if (!ok(version) || !ok(kind) || !ok(plural) || (group !== '' && !ok(group))) return undefined;
  if (scope !== 'Namespaced' && scope !== 'Cluster') return undefined;
  return { kind, plural, group, version, namespaced: scope === 'Namespaced', shortNames: [] };
}
