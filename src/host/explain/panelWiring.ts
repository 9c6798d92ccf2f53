import * as vscode from 'vscode';
import type { NextStep } from '../../core/explain/types';
import { ALL_KINDS } from '../../core/kinds';
import type { Disposable } from '../../core/util/disposable';
import type { ExplanationMessage, SelectionObject } from '../../protocol/explain';
import type { CommandDeps } from '../commands/deps';
import { openDescribe } from '../commands/describe';
import { revealObject } from '../commands/revealOwner';
import type { ObjectRef } from '../describe/describeUri';
import type { Connections } from '../contexts/connections';
import { toVsDisposable } from '../disposables';
import type { ManifestLookup } from '../manifests/openManifest';
import { MANIFEST_COMMANDS } from '../manifests/manifestCommands';
import { leaseExplainKinds } from './explainLeases';
import { explainModule } from './explainModule';
import type { ExplainService } from './explainService';
import { ExplainPanelHost } from './explainPanelHost';

/** ExplainPanelWiring: the services the Events view's explanation panel needs. */
export interface ExplainPanelWiring {
  /** deps resolves the command services (built after the Events view). */
  deps(): CommandDeps | undefined;
  connections: Connections;
  service: ExplainService;
  /** manifests resolves the manifest service (registered after the Events view). */
  manifests(): (ManifestLookup & { readonly onDidChange: vscode.Event<void> }) | undefined;
}

function objectRef(context: string, kind: string, namespace: string, name: string): ObjectRef | undefined {
  const k = ALL_KINDS.find((x) => x.kind === kind && x.plural !== 'events');
  return k ? { context, kind: k, namespace: k.namespaced ? namespace : undefined, name } : undefined;
}

/**
 * runNextStep runs one step of an explanation: Describe, Show Events (the Events view filtered
 * to the object and its descendants) and Reveal act on the step's object; a kubectl step copies
 * its line to the clipboard.
 */
export async function runNextStep(deps: CommandDeps, context: string, step: NextStep): Promise<void> {
  if (step.command === 'kubectl') {
    if (!step.kubectl) return;
    await vscode.env.clipboard.writeText(step.kubectl);
    void vscode.window.showInformationMessage(vscode.l10n.t('Kube Events: copied “{0}”.', step.kubectl));
    return;
  }
  const t = step.target;
  const ref = t ? objectRef(context, t.kind, t.namespace, t.name) : undefined;
  if (!ref) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Kube Events: {0} is not an object Kube Events shows.',
        t ? `${t.kind} ${t.name}` : step.title,
      ),
    );
    return;
  }
  if (step.command === 'describe') return openDescribe(ref);
  if (step.command === 'reveal') return revealObject(deps, ref);
  const node = deps.tree.nodes.object(ref.context, ref.kind, ref.namespace, ref.name);
  await vscode.commands.executeCommand('kubeEvents.showRelatedEvents', node);
}

/**
 * explainPanelFactory returns the Events pages' explanation panel factory: each page gets an
 * ExplainPanelHost that explains through the ExplainService, follows the caches (objects and
 * events of the selection's context) and the workspace's manifests, and runs steps and Open
 * Manifest through the commands. While it shows an event it keeps that event's lazy kinds
 * watched (leaseExplainKinds).
 */
export function explainPanelFactory(
  w: ExplainPanelWiring,
): (post: (m: ExplanationMessage) => void) => ExplainPanelHost {
  const { connections } = w;
  const manifestTarget = (o: SelectionObject) => ({
    context: o.context,
    kind: o.kind,
    namespace: o.namespace || undefined,
    name: o.name,
  });
  return (post) =>
    new ExplainPanelHost({
      event: (id) => connections.hub.get(id),
      explain: (e, holder) => w.service.explain(e, holder),
      view: (x, e, context, key) => explainModule().explanationView(x, e, context, key, vscode.l10n),
      hasManifest: (o) => {
        const t = manifestTarget(o);
        return (w.manifests()?.definitionsOf(t.context, t.kind, t.namespace, t.name).length ?? 0) > 0;
      },
      openManifest: (o) => vscode.commands.executeCommand(MANIFEST_COMMANDS.openManifest, manifestTarget(o)),
      runStep: (context, step) => {
        const deps = w.deps();
        return deps ? runNextStep(deps, context, step) : undefined;
      },
      onDidChange: (listener): Disposable => {
        const subs: Disposable[] = [
          connections.onDidChangeObject((c) => listener(c.context)),
          // A leased lazy kind synced (its first list is not replayed as object changes), or
          // discovery answered.
          connections.onDidChangeKinds((c) => listener(c.context)),
          toVsDisposable(
            connections.hub.onDidChange((batch) => {
              const contexts = new Set(batch.map((c) => c.event.context));
              for (const c of contexts) listener(c);
            }),
          ),
        ];
        const manifests = w.manifests();
        if (manifests) subs.push(manifests.onDidChange(() => listener(undefined)));
        return { dispose: () => subs.forEach((s) => s.dispose()) };
      },
      post,
      l10n: vscode.l10n,
      watch: (event) => leaseExplainKinds(connections, event),
    });
}
