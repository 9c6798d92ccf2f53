// The Events webview's entry point (browser bundle): wires the app to the VS Code API.
import { EventsApp, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const app = new EventsApp(document.body, api);
window.addEventListener('message', (e: MessageEvent<unknown>) => app.handle(e.data));
api.postMessage({ type: 'ready' });
