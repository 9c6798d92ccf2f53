import * as vscode from 'vscode';
import type { CommandDeps, EventsViewApi } from './host/commands/deps';
import { openDescribe } from './host/commands/describe';
import { registerCommands } from './host/commands/registerCommands';
import { revealObject } from './host/commands/revealOwner';
import { Connections } from './host/contexts/connections';
import { KubeconfigService } from './host/contexts/kubeconfigService';
import { registerDescribeLanguage } from './host/describe/describeLanguage';
import { DescribeProvider } from './host/describe/describeProvider';
import { ExplainProvider } from './host/explain/explainProvider';
import { ExplainService } from './host/explain/explainService';
import { objectWarnings } from './host/explain/objectWarnings';
import { explainPanelFactory } from './host/explain/panelWiring';
import { RolloutMarksSource } from './host/explain/rolloutMarksSource';
import type { ManifestService } from './host/manifests/manifestService';
import { createOutputLogger } from './host/logger';
import { registerManifests } from './host/manifests/registerManifests';
import { WarningNotifications } from './host/notifications/warningNotifications';
import {
  keepUnchangedMachineSettings,
  onDidChangeSettings,
  readSettings,
  type Settings,
} from './host/settings';
import { createEventsView } from './host/views/eventsViewApi';
import type { TreeNode } from './host/views/nodes';
import { ResourceTreeProvider } from './host/views/resourceTree';
import { WarningBadges } from './host/views/warningBadges';
import { WelcomeView } from './host/views/welcome';

/**
 * Container is the composition root: it builds every service of the extension once, wires
 * them together, and owns their disposal (newest first). Nothing here does network I/O:
 * informers start in `start()`, after the views are registered.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private settings: Settings = readSettings();
  readonly connections: Connections;
  readonly tree: ResourceTreeProvider;

  constructor(private readonly context: vscode.ExtensionContext) {
    const logger = this.own(createOutputLogger());
    const kubeconfig = this.own(new KubeconfigService(this.settings.kubeconfig, logger));
    this.connections = this.own(
      new Connections({
        kubeconfig,
        logger,
        namespaces: () => this.settings.namespaces,
        autoConnect: () => this.settings.contexts,
      }),
    );
    const startup = new Set(this.settings.contexts);
    this.tree = this.own(
      new ResourceTreeProvider({
        connections: this.connections,
        namespaces: () => this.settings.namespaces,
        initiallyExpanded: (name) =>
          startup.has(name) || (startup.size === 0 && name === kubeconfig.current.currentContext),
        problems: () => welcome.problems(),
        topCause: (node) => {
          const top = objectWarnings(this.connections, node)[0];
          const x = top && explainService.explain(top);
          return x ? { reason: x.reason, cause: x.cause } : undefined;
        },
      }),
    );
    const treeView = this.own(
      vscode.window.createTreeView<TreeNode>('kubeEvents.resources', {
        treeDataProvider: this.tree,
        showCollapseAll: true,
      }),
    );
    // Lazy kinds run while their node is open: collapsing or hiding the tree gives them back.
    this.own(treeView.onDidCollapseElement((e) => this.tree.collapsed(e.element)));
    this.own(treeView.onDidChangeVisibility((e) => this.tree.visibilityChanged(e.visible)));
    const welcome: WelcomeView = this.own(
      new WelcomeView({
        connections: this.connections,
        kubeconfig,
        treeView,
        setting: () => this.settings.kubeconfig,
        refreshTree: () => this.tree.refreshRoot(),
      }),
    );
    this.own(new DescribeProvider(this.connections));
    const explainService = this.own(new ExplainService(this.connections));
    this.own(new ExplainProvider(this.connections, explainService));
    this.own(registerDescribeLanguage());
    const maxEventsChanged = new vscode.EventEmitter<void>();
    this.own(maxEventsChanged);
    // The Events view's explanation panel reaches the commands and the manifests, built below.
    const late: { manifests?: ManifestService } = {};
    const explainPanel = explainPanelFactory({
      connections: this.connections,
      service: explainService,
      deps: () => deps,
      manifests: () => late.manifests,
    });
    const rolloutMarks = this.own(new RolloutMarksSource(this.connections));
    // Commands and the Events view refer to each other; `deps` is complete before either runs.
    const eventsView: EventsViewApi = this.own(
      createEventsView({
        extensionUri: context.extensionUri,
        storageUri: context.globalStorageUri,
        globalState: context.globalState,
        connections: this.connections,
        getMaxEvents: () => this.settings.historyMaxEvents,
        onDidChangeMaxEvents: (l) => maxEventsChanged.event(l),
        revealObject: (ref) => revealObject(deps, ref),
        describe: (ref) => openDescribe(ref),
        explainPanel,
        rolloutMarks,
      }),
    );
    const deps: CommandDeps = {
      connections: this.connections,
      kubeconfig,
      tree: this.tree,
      treeView,
      eventsView,
      extensionUri: context.extensionUri,
    };
    for (const d of registerCommands(deps)) this.own(d);
    late.manifests = this.own(
      registerManifests({
        deps,
        logger,
        currentContext: () => kubeconfig.current.currentContext,
        muted: () => this.settings.notifications,
      }),
    ).service;
    this.own(
      new WarningBadges(
        this.connections,
        (id) => this.tree.nodes.get(id),
        (total) => {
          treeView.badge =
            total > 0
              ? { value: total, tooltip: vscode.l10n.t('{0} Warning events in the last hour', total) }
              : undefined;
        },
      ),
    );
    const notifications = this.own(
      new WarningNotifications({
        connections: this.connections,
        settings: () => this.settings,
        showWarnings: (scope) => eventsView.showWarnings(scope),
        showObjectEvents: async (ctx, ref) => {
          const node = this.nodeFor(ctx, ref);
          if (node) await vscode.commands.executeCommand('kubeEvents.showRelatedEvents', node);
          else await eventsView.showWarnings();
        },
        describe: async (ctx, ref) => {
          const node = this.nodeFor(ctx, ref);
          if (node) await vscode.commands.executeCommand('kubeEvents.describe', node);
        },
      }),
    );
    this.own(
      onDidChangeSettings((next, changed) => {
        const before = this.settings;
        const s = keepUnchangedMachineSettings(before, next, changed);
        this.settings = s;
        kubeconfig.updateSetting(s.kubeconfig);
        notifications.updateSettings(s);
        if (before.historyMaxEvents !== s.historyMaxEvents) maxEventsChanged.fire();
        if (JSON.stringify(before.namespaces) !== JSON.stringify(s.namespaces)) this.tree.refreshAll();
      }),
    );
  }

  /** extensionContext is the VS Code context this container was built for. */
  get extensionContext(): vscode.ExtensionContext {
    return this.context;
  }

  /** start connects the start-up contexts. */
  start(): void {
    this.connections.start();
  }

  /** nodeFor finds the tree node of an object named by an event's involved object. */
  private nodeFor(
    context: string,
    ref: { kind: string; namespace: string; name: string; apiVersion?: string },
  ): TreeNode | undefined {
    const kind = this.connections.resolveKind(context, ref.kind, ref.apiVersion);
    if (!kind) return undefined;
    return this.tree.nodes.object(context, kind, kind.namespaced ? ref.namespace : undefined, ref.name);
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // Keep disposing the rest.
      }
    }
  }
}
