// The Events webview's entry point (browser bundle): wires the app to the VS Code API.
import { EventsApp, type VsCodeApi } from './app';
import { loadL10nBundle } from './l10n';

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
// The strings first: the app builds its controls in their language.
loadL10nBundle(document);
const app = new EventsApp(document.body, api);
window.addEventListener('message', (e: MessageEvent<unknown>) => app.handle(e.data));
api.postMessage({ type: 'ready' });
