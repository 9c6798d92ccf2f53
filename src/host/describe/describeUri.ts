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
  if (ref.namespace) q.set('namespace', ref.namespace);
  return vscode.Uri.from({
    scheme: DESCRIBE_SCHEME,
    path: `/${ref.kind.kind} ${ref.name}`,
    query: q.toString(),
  });
}

/** parseDescribeUri reverses describeUri; undefined when the URI is not one of ours. */
export function parseDescribeUri(uri: vscode.Uri): ObjectRef | undefined {
  if (uri.scheme !== DESCRIBE_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const context = q.get('context');
  const name = q.get('name');
  const [group, plural] = (q.get('resource') ?? '').split('/');
  const kind = ALL_KINDS.find((k) => k.group === group && k.plural === plural);
  if (!context || !name || !kind) return undefined;
  return { context, kind, name, namespace: q.get('namespace') ?? undefined };
}
