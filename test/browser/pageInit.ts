// Scripts injected before the page's own (Playwright init scripts are not subject to the page's
// CSP): a stub acquireVsCodeApi that records what the webview posts, a CSP-violation recorder,
// the theme class VS Code puts on <body>, and an event-row generator. Plain JS strings, so the
// code runs in the page exactly as written.

/** pageInit returns the init script for a theme ('vscode-light' | 'vscode-dark'). */
export function pageInit(theme: string): string {
  return `
(() => {
  window.__name = (f) => f;
  window.w = () => window;
  window.__posted = [];
  window.__csp = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  const setTheme = () => { document.body.classList.add(${JSON.stringify(theme)}); };
  document.addEventListener('DOMContentLoaded', setTheme);

  const REASONS = ['BackOff', 'Pulled', 'Created', 'Started', 'FailedScheduling', 'Unhealthy', 'Killing', 'ScalingReplicaSet'];
  const KINDS = ['Pod', 'ReplicaSet', 'Deployment', 'Node', 'Job'];
  window.__row = (p) => Object.assign({
    id: 'x', context: 'prod', key: 'default/x', type: 'Normal', reason: 'Scheduled', message: 'm', count: 1,
    lastSeen: Date.now(), firstSeen: Date.now(), source: 'kubelet', host: '', kind: 'Pod', namespace: 'default',
    name: 'p', uid: 'u', apiVersion: 'v1', fieldPath: '', ownerKind: '', ownerName: '', ownerUid: '',
    expired: 0, expiredAt: 0,
  }, p);
  window.__makeRows = (n, now) => {
    let a = 12345;
    const r = () => { a = (a * 1103515245 + 12345) & 0x7fffffff; return a / 0x7fffffff; };
    const rows = [];
    for (let i = 0; i < n; i++) {
      const reason = REASONS[Math.floor(r() * REASONS.length)];
      const kind = KINDS[Math.floor(r() * KINDS.length)];
      const t = r() < 0.02 ? 0 : now - Math.floor(r() * 3600000);
      const owner = Math.floor(r() * 50);
      rows.push(window.__row({
        id: 'c' + (i % 3) + '\\u0000ns/e' + i, context: 'ctx-' + (i % 3), key: 'ns/e' + i,
        namespace: 'ns-' + Math.floor(r() * 20), kind, name: kind.toLowerCase() + '-' + Math.floor(r() * 5000),
        uid: 'uid-' + Math.floor(r() * 20000), reason,
        type: reason === 'BackOff' || reason === 'FailedScheduling' || reason === 'Unhealthy' ? 'Warning' : 'Normal',
        message: reason + ' for container app-' + (i % 97) + ' on node-' + Math.floor(r() * 40) + ': attempt ' + i,
        count: 1 + Math.floor(r() * 5), lastSeen: t, firstSeen: t ? t - Math.floor(r() * 600000) : 0,
        ownerKind: 'Deployment', ownerName: 'web-' + owner, ownerUid: 'owner-' + owner,
      }));
    }
    return rows;
  };
  window.__send = (m) => window.postMessage(m, '*');
  // As the host does (snapshotChunks, bundled by run.ts as window.__chunks): the newest rows first.
  // The host awaits the first message's delivery, then serializes the rest in its own process.
  // Here the page is the host too, and serializing 100,000 rows blocks it: so the rest is posted
  // once the page has handled the first message and had a frame, as the host's would arrive.
  window.__snapshot = (rows, ui) => {
    const chunks = window.__chunks(rows);
    const post = (c, i) => window.__send({ type: 'snapshot', rows: c, first: i === 0, last: i === chunks.length - 1, now: Date.now(), ui: i === 0 ? ui || null : null });
    if (chunks.length > 1) {
      const rest = () => {
        window.removeEventListener('message', rest);
        requestAnimationFrame(() => setTimeout(() => chunks.slice(1).forEach((c, i) => post(c, i + 1)), 0));
      };
      window.addEventListener('message', rest);
    }
    post(chunks[0], 0);
  };
  window.__frame = () => new Promise((res) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => res(performance.now());
    ch.port2.postMessage(0);
  }));
})();
`;
}
