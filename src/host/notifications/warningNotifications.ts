import * as vscode from 'vscode';
import type { ClusterSession } from '../../core/cluster/clusterSession';
import { EVENTS } from '../../core/kinds';
import { eventObserverHandler } from '../../core/notify/eventObserver';
import { LiveWarningCount } from '../../core/notify/liveWarningCount';
import type { Notification } from '../../core/notify/notification';
import { rulesFromSettings } from '../../core/notify/rules';
import { WarningNotifier } from '../../core/notify/warningNotifier';
import { realClock } from '../../core/util/clock';
import type { Connections } from '../contexts/connections';
import { summaryScope, type WarningsScope } from '../webviews/hostFilters';
import type { Settings } from '../settings';

/** InvolvedRef names an event's involved object. */
export interface InvolvedRef {
  kind: string;
  namespace: string;
  name: string;
  apiVersion?: string;
}

export interface WarningNotificationsOptions {
  connections: Connections;
  settings: () => Settings;
  showWarnings: (scope?: WarningsScope) => Promise<void>;
  showObjectEvents: (context: string, ref: InvolvedRef) => Promise<void>;
  describe: (context: string, ref: InvolvedRef) => Promise<void>;
}

/**
 * WarningNotifications renders the WarningNotifier's decisions as VS Code notifications (plain
 * text only; the notifier sanitises cluster text) with Explain / Show Events / Describe / Mute… actions,
 * and keeps a status bar item with the live Warning count that opens the Events view filtered
 * to Warnings.
 */
export class WarningNotifications implements vscode.Disposable {
  private readonly notifier: WarningNotifier;
  private readonly live = new LiveWarningCount({ clock: realClock });
  private readonly statusItem = vscode.window.createStatusBarItem(
    'kubeEvents.warnings',
    vscode.StatusBarAlignment.Left,
    20,
  );
  private readonly subs = new Map<string, { dispose(): void }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: WarningNotificationsOptions) {
    this.notifier = new WarningNotifier({
      clock: realClock,
      l10n: vscode.l10n,
      ...rulesFromSettings(options.settings().notifications),
    });
    this.statusItem.name = vscode.l10n.t('Kube Events Warnings');
    this.statusItem.command = { title: vscode.l10n.t('Show Warnings'), command: 'kubeEvents.showWarnings' };
    this.render(0);
    const sessionSub = options.connections.manager.onDidChangeSession(({ name, session }) =>
      this.onSession(name, session),
    );
    const decideSub = this.notifier.onDidDecide((n) => void this.show(n));
    const liveSub = this.live.onDidChange((total) => this.render(total));
    this.disposables.push(
      this.statusItem,
      vscode.commands.registerCommand('kubeEvents.showWarnings', () => options.showWarnings()),
      new vscode.Disposable(() => {
        sessionSub.dispose();
        decideSub.dispose();
        liveSub.dispose();
      }),
    );
  }

  /** updateSettings applies changed notification settings live. */
  updateSettings(settings: Settings): void {
    this.notifier.updateRules(rulesFromSettings(settings.notifications));
  }

  private onSession(context: string, session: ClusterSession | undefined): void {
    this.subs.get(context)?.dispose();
    this.subs.delete(context);
    if (!session) {
      this.notifier.forgetContext(context);
      this.live.forgetContext(context);
      return;
    }
    this.subs.set(
      context,
      session.addEventHandler(EVENTS, eventObserverHandler(context, this.notifier, this.live)),
    );
  }

  private render(total: number): void {
    this.statusItem.text = `$(warning) ${total}`;
    this.statusItem.tooltip =
      total === 1
        ? vscode.l10n.t('1 Kubernetes Warning event in the last hour — click to show them')
        : vscode.l10n.t('{0} Kubernetes Warning events in the last hour — click to show them', total);
    this.statusItem.backgroundColor = undefined;
    if (total > 0) this.statusItem.show();
    else this.statusItem.hide();
  }

  private async show(n: Notification): Promise<void> {
    const explain = vscode.l10n.t('Explain');
    const showEvents = vscode.l10n.t('Show Events');
    const describe = vscode.l10n.t('Describe');
    const mute = vscode.l10n.t('Mute…');
    if (n.kind === 'summary') {
      const showWarnings = vscode.l10n.t('Show Warnings');
      const pick = await vscode.window.showWarningMessage(n.message, showWarnings, mute);
      if (pick === showWarnings) await this.options.showWarnings(summaryScope(n));
      if (pick === mute)
        await vscode.commands.executeCommand('kubeEvents.muteWarnings', {
          context: n.context,
          namespace: n.namespace,
        });
      return;
    }
    const involved = n.event.involved;
    const ref = {
      kind: involved.kind,
      namespace: involved.namespace,
      name: involved.name,
      apiVersion: involved.apiVersion,
    };
    const canDescribe =
      this.options.connections.resolveKind(n.context, involved.kind, involved.apiVersion) !== undefined;
    const actions = canDescribe ? [explain, showEvents, describe, mute] : [explain, showEvents, mute];
    const pick = await vscode.window.showWarningMessage(n.message, ...actions);
    if (pick === explain)
      await vscode.commands.executeCommand('kubeEvents.explain', { context: n.context, key: n.event.key });
    else if (pick === showEvents) await this.options.showObjectEvents(n.context, ref);
    else if (pick === describe) await this.options.describe(n.context, ref);
    else if (pick === mute)
      await vscode.commands.executeCommand('kubeEvents.muteWarnings', {
        context: n.context,
        namespace: n.namespace || undefined,
        reason: n.event.reason,
      });
  }

  dispose(): void {
    for (const s of this.subs.values()) s.dispose();
    this.subs.clear();
    this.notifier.dispose();
    this.live.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
