import type * as vscode from 'vscode';
import type { Connections } from '../contexts/connections';
import type { KubeconfigService } from '../contexts/kubeconfigService';
import type { TreeNode } from '../views/nodes';
import type { WarningsScope } from '../webviews/hostFilters';
import type { ResourceTreeProvider } from '../views/resourceTree';

/** RelatedEventsFilter is what "Show Events" asks the Events view to show. */
export interface RelatedEventsFilter {
  readonly context: string;
  readonly label: string;
  /** The object's own uid(s). */
  readonly uids: readonly string[];
  /** Its descendants' uids (ReplicaSets, Pods, Jobs...), shown when the toggle is on. */
  readonly descendantUids: readonly string[];
  readonly includeDescendants: boolean;
}

/** EventsViewApi is what commands need from the Events view. */
export interface EventsViewApi {
  showObject(filter: RelatedEventsFilter): Promise<void>;
  showWarnings(scope?: WarningsScope): Promise<void>;
  openPanel(): Promise<void>;
  exportVisible(): Promise<void>;
  /** Focus the Events filter box (kubeEvents.focusEventsFilter). */
  focusFilter(): Promise<void>;
  /** Replay an exported JSON file, read-only (kubeEvents.openExportedEvents). */
  openExportedEvents(uri?: vscode.Uri): Promise<void>;
}

/** CommandDeps are the services command handlers use (built by the container). */
export interface CommandDeps {
  readonly connections: Connections;
  readonly kubeconfig: KubeconfigService;
  readonly tree: ResourceTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly eventsView: EventsViewApi;
  /** Where the extension is installed (its README, media). */
  readonly extensionUri: vscode.Uri;
}
