import * as vscode from 'vscode';
import type { KubeObject } from '../../core/cache/types';
import type { ResourceKind } from '../../core/kinds';
import type { Section } from '../../core/discovery/sections';
import { controllerOf } from '../../core/resources/ownership';
import { type Health, summarize } from '../../core/resources/summary';
import { sanitizeFor } from '../../core/text/sanitize';
import { serverText } from '../../core/text/serverText';
import type { Connections } from '../contexts/connections';
import { describeStatus } from '../contexts/statusText';
import type { ContextNode, KindNode, TreeNode } from './nodes';
import { resourceUriFor } from './uris';

export interface ItemDeps {
  connections: Connections;
  now: number;
  initiallyExpanded: (context: string) => boolean;
  countOf: (node: KindNode) => number;
}

/** KIND_TITLES are the plural display names of the kinds in the tree. */
const KIND_TITLES: Record<string, string> = {
  pods: 'Pods',
  deployments: 'Deployments',
  replicasets: 'ReplicaSets',
  statefulsets: 'StatefulSets',
  daemonsets: 'DaemonSets',
  jobs: 'Jobs',
  cronjobs: 'CronJobs',
  services: 'Services',
  nodes: 'Nodes',
  namespaces: 'Namespaces',
};

const KIND_ICONS: Record<string, string> = {
  pods: 'package',
  deployments: 'rocket',
  replicasets: 'layers',
  statefulsets: 'database',
  daemonsets: 'server-process',
  jobs: 'run-all',
  cronjobs: 'watch',
  services: 'globe',
  nodes: 'server',
  namespaces: 'symbol-namespace',
};

/** SECTION_TITLES localise the built-in section headings; a custom resource group shows as is. */
const SECTION_TITLES: Record<string, () => string> = {
  workloads: () => vscode.l10n.t('Workloads'),
  network: () => vscode.l10n.t('Network'),
  storage: () => vscode.l10n.t('Storage'),
  config: () => vscode.l10n.t('Config'),
  access: () => vscode.l10n.t('Access control'),
  cluster: () => vscode.l10n.t('Cluster'),
  other: () => vscode.l10n.t('Other'),
};

/** sectionTitle is a section heading's display title (localised for the built-in sections). */
export function sectionTitle(section: Section): string {
  return SECTION_TITLES[section.id]?.() ?? section.title;
}

const HEALTH_COLORS: Record<Health, string | undefined> = {
  ok: 'charts.green',
  progressing: 'charts.blue',
  warning: 'list.warningForeground',
  error: 'list.errorForeground',
  done: 'disabledForeground',
  unknown: undefined,
};

/**
 * kindTitle is a kind's plural display name: the table's for the built-in kinds, else the kind
 * pluralised as English does for kind names (PersistentVolumeClaims, Ingresses, NetworkPolicies).
 */
export function kindTitle(kind: ResourceKind): string {
  const known = KIND_TITLES[kind.plural];
  if (known) return known;
  const k = kind.kind;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

/**
 * escapeMarkdown makes cluster text literal inside a MarkdownString (no links, no HTML); it is
 * sanitised first (visible bidi/zero-width/control characters, capped at a tooltip's length).
 */
export function escapeMarkdown(text: string): string {
  return sanitizeFor(text, 'tooltip')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

/** label is cluster text for a tree label or description (sanitised, capped). */
const label = (text: unknown): string => sanitizeFor(text, 'treeLabel');
/** status is server-supplied text (a status or error message): redacted, sanitised, capped. */
const status = (text: unknown, place: 'treeLabel' | 'tooltip' = 'treeLabel'): string =>
  serverText(text, place);

/**
 * contextTooltip is a context row's tooltip: server, user, namespace and the live status (with
 * its object count), built on hover through resolveTreeItem.
 */
export function contextTooltip(
  node: ContextNode,
  deps: Pick<ItemDeps, 'connections'>,
): vscode.MarkdownString {
  const st = deps.connections.status(node.context);
  const info = deps.connections.contexts().find((c) => c.name === node.context);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(node.context)}**\n\n`);
  if (info?.server)
    md.appendMarkdown(vscode.l10n.t('Server: {0}', escapeMarkdown(status(info.server, 'tooltip'))) + '  \n');
  if (info?.user)
    md.appendMarkdown(vscode.l10n.t('User: {0} ({1})', escapeMarkdown(info.user), info.authKind) + '  \n');
  if (info?.namespace)
    md.appendMarkdown(vscode.l10n.t('Namespace: {0}', escapeMarkdown(info.namespace)) + '  \n');
  md.appendMarkdown(
    vscode.l10n.t(
      'Status: {0}',
      escapeMarkdown(status(describeStatus(st, { count: true }, vscode.l10n), 'tooltip')),
    ),
  );
  return md;
}

/**
 * treeItemFor renders one node. It reads the caches only. Every label, description and tooltip
 * is cluster text made safe (core/text); status and error messages, which may echo what a server
 * or proxy sent back, are redacted too, and the kubeconfig server URL never shows its userinfo.
 */
export function treeItemFor(node: TreeNode, deps: ItemDeps): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  switch (node.type) {
    case 'context': {
      const st = deps.connections.status(node.context);
      const connected = st.phase !== 'disconnected';
      const item = new vscode.TreeItem(
        label(node.context),
        deps.initiallyExpanded(node.context) ? C.Expanded : C.Collapsed,
      );
      item.id = node.id;
      // The row says the phase only; the live object count is in the tooltip, built on hover
      // (contextTooltip through resolveTreeItem), so count changes never refresh the row.
      const described = describeStatus(st, { count: false }, vscode.l10n);
      item.description = status(described);
      item.contextValue = connected ? 'context.connected' : 'context.disconnected';
      item.iconPath = contextIcon(st.phase);
      item.resourceUri = resourceUriFor(node);
      item.accessibilityInformation = {
        label: vscode.l10n.t('Context {0}, {1}', label(node.context), status(described)),
      };
      return item;
    }
    case 'namespace': {
      const item = new vscode.TreeItem(label(node.namespace), C.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'namespace';
      item.resourceUri = resourceUriFor(node);
      return item;
    }
    case 'section': {
      const title = SECTION_TITLES[node.section.id]?.() ?? node.section.title;
      const item = new vscode.TreeItem(label(title), C.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'section';
      item.resourceUri = resourceUriFor(node);
      return item;
    }
    case 'kind': {
      const session = deps.connections.session(node.context);
      if (session && !session.isEager(node.kind)) return lazyKindItem(node, deps);
      const count = deps.countOf(node);
      const item = new vscode.TreeItem(kindTitle(node.kind), count > 0 ? C.Collapsed : C.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind.plural] ?? 'symbol-class');
      item.contextValue = `kind.${node.kind.plural}`;
      item.resourceUri = resourceUriFor(node);
      const ks = session?.kindStatus(node.kind);
      item.description =
        ks?.phase === 'forbidden'
          ? vscode.l10n.t('forbidden')
          : ks?.phase === 'retrying'
            ? vscode.l10n.t('{0} · retrying', count)
            : ks?.phase === 'connecting'
              ? vscode.l10n.t('loading…')
              : String(count);
      if (ks && 'error' in ks) item.tooltip = status(ks.error, 'tooltip');
      return item;
    }
    case 'object':
      return objectItem(node, deps);
    case 'message': {
      const item = new vscode.TreeItem(status(node.text), C.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(
        node.severity === 'error' ? 'error' : node.severity === 'warning' ? 'warning' : 'info',
        node.severity === 'error'
          ? new vscode.ThemeColor('list.errorForeground')
          : node.severity === 'warning'
            ? new vscode.ThemeColor('list.warningForeground')
            : undefined,
      );
      item.tooltip = status(node.detail ?? node.text, 'tooltip');
      item.contextValue = 'message';
      if (node.description) item.description = node.description;
      if (node.open) {
        item.contextValue = 'message.kubeconfigError';
        item.command = {
          command: 'kubeEvents.openKubeconfigError',
          title: vscode.l10n.t('Open File'),
          arguments: [node.open],
        };
      }
      return item;
    }
  }
}

/**
 * lazyKindItem renders a discovered kind: expandable until its first list says it is empty; a
 * kind found empty is dimmed (a grey icon, count 0, no arrow) and stays listed. A kind not running
 * shows no count (none was asked for).
 */
function lazyKindItem(node: KindNode, deps: ItemDeps): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  const ks = deps.connections.session(node.context)?.kindStatusOf(node.kind, node.namespace) ?? {
    phase: 'idle',
  };
  const count = deps.countOf(node);
  const empty = ks.phase === 'synced' && count === 0;
  const item = new vscode.TreeItem(kindTitle(node.kind), empty ? C.None : C.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(
    KIND_ICONS[node.kind.plural] ?? 'symbol-class',
    empty ? new vscode.ThemeColor('disabledForeground') : undefined,
  );
  item.contextValue = `kind.${node.kind.plural}`;
  item.resourceUri = resourceUriFor(node);
  item.description =
    ks.phase === 'forbidden' || ks.phase === 'unauthorized'
      ? vscode.l10n.t('forbidden')
      : ks.phase === 'connecting'
        ? vscode.l10n.t('loading…')
        : ks.phase === 'retrying'
          ? `${count} · ${vscode.l10n.t('retrying')}`
          : ks.phase === 'synced'
            ? String(count)
            : '';
  const failure = kindError(ks);
  const group = node.kind.group || 'core';
  item.tooltip =
    failure !== undefined ? status(failure, 'tooltip') : `${node.kind.kind} (${group}/${node.kind.version})`;
  return item;
}

/** kindError is the error a kind's status carries, if any. */
function kindError(ks: object): string | undefined {
  const e = (ks as { error?: unknown }).error;
  return typeof e === 'string' ? e : undefined;
}

function objectItem(node: TreeNode & { type: 'object' }, deps: ItemDeps): vscode.TreeItem {
  const session = deps.connections.session(node.context);
  const key = node.namespace ? `${node.namespace}/${node.name}` : node.name;
  const obj: KubeObject | undefined = session?.storeOf(node.kind)?.get(key);
  const item = new vscode.TreeItem(label(node.name), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = resourceUriFor(node);
  if (!obj) {
    item.description = vscode.l10n.t('deleted');
    item.contextValue = 'object.deleted';
    return item;
  }
  const summary = summarize(node.kind, obj, deps.now);
  const color = HEALTH_COLORS[summary.health];
  const icon =
    summary.health === 'error'
      ? 'error'
      : summary.health === 'warning'
        ? 'warning'
        : (KIND_ICONS[node.kind.plural] ?? 'symbol-class');
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.description = label(summary.description);
  const owned = controllerOf(obj) !== undefined;
  item.contextValue = `object.${node.kind.plural}${owned ? '.owned' : ''}`;
  // The tooltip is built on hover (objectTooltip through resolveTreeItem): VS Code keeps a
  // tooltip set here over the resolved one, and the Warning's cause is only worth it on hover.
  item.accessibilityInformation = {
    label: label(`${node.kind.kind} ${node.name}, ${summary.status}, ${summary.description}`),
  };
  return item;
}

function contextIcon(phase: string): vscode.ThemeIcon {
  switch (phase) {
    case 'synced':
      return new vscode.ThemeIcon('vm-active', new vscode.ThemeColor('charts.green'));
    case 'connecting':
      return new vscode.ThemeIcon('loading~spin');
    case 'retrying':
      return new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('list.warningForeground'));
    case 'forbidden':
      return new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground'));
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    default:
      return new vscode.ThemeIcon('vm-outline');
  }
}

/**
 * objectTooltip is an object row's tooltip, built on hover: its kind, name, namespace and
 * status fields, and the likely cause of its newest Warning when `top` is given.
 */
export function objectTooltip(
  node: TreeNode & { type: 'object' },
  deps: Pick<ItemDeps, 'connections' | 'now'>,
  top?: { reason: string; cause: string },
): vscode.MarkdownString | undefined {
  const key = node.namespace ? `${node.namespace}/${node.name}` : node.name;
  const obj: KubeObject | undefined = deps.connections.session(node.context)?.storeOf(node.kind)?.get(key);
  if (!obj) return undefined;
  const summary = summarize(node.kind, obj, deps.now);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(node.kind.kind)} ${escapeMarkdown(node.name)}**`);
  if (node.namespace) md.appendMarkdown(vscode.l10n.t(' in {0}', escapeMarkdown(node.namespace)));
  md.appendMarkdown('\n\n');
  for (const f of summary.fields)
    md.appendMarkdown(`${escapeMarkdown(f.label)}: ${escapeMarkdown(f.value)}  \n`);
  appendCause(md, top);
  return md;
}

/** appendCause adds an object's likely Warning cause to its tooltip (cluster text made literal). */
export function appendCause(
  md: vscode.MarkdownString,
  top: { reason: string; cause: string } | undefined,
): void {
  if (!top) return;
  const text = vscode.l10n.t(
    'Likely cause ({0}): {1}',
    status(top.reason, 'tooltip'),
    status(top.cause, 'tooltip'),
  );
  md.appendMarkdown(`\n\n${escapeMarkdown(text)}`);
}
