import type * as vscode from 'vscode';
import { ownerChain } from '../../core/resources/ownership';
import type { OwnerLookup as RowOwnerLookup } from '../../core/stream/row';
import type { ObjectRefMessage } from '../../protocol/events';
import type { EventsViewApi, RelatedEventsFilter } from '../commands/deps';
import type { Connections } from '../contexts/connections';
import type { ObjectRef } from '../describe/describeUri';
import { objectEventsFilter, warningsFilter, type WarningsScope } from '../webviews/hostFilters';
import type { EventsWebviewDeps } from '../webviews/eventsWebview';
import { registerEventsViews, type EventsViews } from '../webviews/registerEventsViews';

export interface EventsViewAdapterOptions {
  extensionUri: vscode.Uri;
  storageUri: vscode.Uri;
  /** context.globalState (the saved filter presets). */
  globalState: vscode.Memento;
  connections: Connections;
  getMaxEvents(): number;
  onDidChangeMaxEvents: (listener: () => void) => vscode.Disposable;
  revealObject(ref: ObjectRef): Promise<void>;
  describe(ref: ObjectRef): Promise<void>;
  /** The explanation panel's host side and the timeline's rollout marks. */
  explainPanel?: EventsWebviewDeps['explainPanel'];
  rolloutMarks?: EventsWebviewDeps['rolloutMarks'];
}

/**
 * refOfMessage resolves a webview's object reference to a kind the context serves: the
 * apiVersion comes from an event about that object (by its uid), the kind from discovery.
 */
export function refOfMessage(m: ObjectRefMessage, connections: Connections): ObjectRef | undefined {
  const kind = connections.resolveKind(m.context, m.kind, involvedApiVersion(connections, m));
  if (!kind) return undefined;
  return { context: m.context, kind, namespace: kind.namespaced ? m.namespace : undefined, name: m.name };
}

/** involvedApiVersion finds the apiVersion events give for the object `m` names (by uid, else name). */
function involvedApiVersion(connections: Connections, m: ObjectRefMessage): string | undefined {
  for (const e of connections.hub.list()) {
    if (e.context !== m.context) continue;
    const inv = e.involved;
    if (inv.kind !== m.kind || !inv.apiVersion) continue;
    if (m.uid ? inv.uid === m.uid : inv.name === m.name && inv.namespace === m.namespace)
      return inv.apiVersion;
  }
  return undefined;
}

/**
 * createEventsView registers the Events webview view and panel and adapts them to the
 * commands' EventsViewApi. Owners for grouping come from the informer caches.
 */
export function createEventsView(o: EventsViewAdapterOptions): EventsViewApi & vscode.Disposable {
  const ownerOf: RowOwnerLookup = (context, uid) => {
    const lookup = o.connections.ownerLookup(context);
    const self = lookup?.byUid(uid);
    if (!lookup || !self) return undefined;
    const top = ownerChain(self.obj, lookup).at(-1);
    if (!top?.obj.metadata.uid) return undefined;
    return { kind: top.kind, name: top.obj.metadata.name ?? '', uid: top.obj.metadata.uid };
  };
  const views: EventsViews = registerEventsViews({
    extensionUri: o.extensionUri,
    hub: o.connections.hub,
    storageUri: o.storageUri,
    globalState: o.globalState,
    getMaxEvents: o.getMaxEvents,
    onDidChangeMaxEvents: o.onDidChangeMaxEvents,
    ownerOf,
    revealObject: (m) => {
      const ref = refOfMessage(m, o.connections);
      return ref ? o.revealObject(ref) : undefined;
    },
    describe: (m) => {
      const ref = refOfMessage(m, o.connections);
      return ref ? o.describe(ref) : undefined;
    },
    explainPanel: o.explainPanel,
    rolloutMarks: o.rolloutMarks,
  });
  return {
    showObject: (f: RelatedEventsFilter) => views.showFilter(objectEventsFilter(f)),
    showWarnings: (scope?: WarningsScope) => views.showFilter(warningsFilter(scope)),
    async openPanel() {
      views.openEventsPanel();
    },
    exportVisible: () => views.exportEvents(),
    focusFilter: () => views.focusFilter(),
    openExportedEvents: (uri?: vscode.Uri) => views.openExportedEvents(uri),
    dispose: () => views.dispose(),
  };
}
