/**
 * server: startTestServer, the composition root of the test API server. Builds the store,
 * identities and policy, listens on 127.0.0.1 (HTTPS by default), and exposes the state API,
 * faults, request log and kubeconfig rendering. stop() leaves no handle open.
 */
import { randomBytes, randomInt } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { KubeObject } from '../../src/core/cache/types';
import { apiVersionOf, type ResourceKind } from '../../src/core/kinds';
import { Authenticator, Rbac } from './auth';
import type { ServerContext } from './context';
import { CrdController, validateCrd } from './crds';
import { FailQueue } from './failQueue';
import { handleRequest } from './handler';
import { renderKubeconfig } from './kubeconfig';
import { issueClientCert, loadPki, type Pki } from './pki';
import { Random } from './random';
import { Store, storageIdOf } from './store';
import type {
  Faults,
  KubeconfigOptions,
  RequestRecord,
  TestServer,
  TestServerOptions,
  WatchFilter,
} from './types';
import type { WatchSession } from './watch';

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function closeServer(server: http.Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      for (const s of sockets) s.destroy();
      resolve();
      return;
    }
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
}

/** startTestServer starts a server and resolves once it is listening. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const tls = opts.tls ?? true;
  const now = opts.now ?? Date.now;
  const eventTtlMs = opts.eventTtlMs ?? 3_600_000;
  const random = new Random({ seed: opts.seed ?? randomInt(0, 2 ** 31) });
  const store = new Store({
    now,
    random,
    eventTtlMs,
    compactionWindowMs: opts.compactionWindowMs ?? 300_000,
    watchCacheWindowMs: opts.watchCacheWindowMs ?? 75_000,
    watchCacheMinEvents: opts.watchCacheMinEvents ?? 100,
    watchCacheMaxEvents: opts.watchCacheMaxEvents ?? opts.historyWindow ?? 102_400,
  });
  const pki: Pki | undefined = tls ? await loadPki() : undefined;
  const authn = new Authenticator();
  const rbac = new Rbac();
  const watches = new Set<WatchSession>();
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  let port = opts.port ?? 0;

  const crds = new CrdController({
    store,
    now,
    endWatches: (storageId) => {
      for (const w of [...watches]) if (storageIdOf(w.kind) === storageId) w.close();
    },
  });
  const ctx: ServerContext = {
    store,
    crds,
    authn,
    rbac,
    authorize: opts.authorize ?? true,
    failQueue: new FailQueue(),
    watches,
    requests,
    now,
    pageLimitMax: opts.pageLimitMax ?? 500,
    watchCache: opts.watchCache ?? true,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    tooLargeWaitMs: opts.tooLargeWaitMs ?? 3000,
    watchBufferBytes: opts.watchBufferBytes ?? 4 * 1024 * 1024,
    watchForbidden: new Set(),
    counters: { slowWatchersClosed: 0 },
    watchList: opts.watchList ?? 'enabled',
    address: () => `127.0.0.1:${port}`,
  };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => handleRequest(ctx, req, res);
  const server: http.Server = pki
    ? https.createServer(
        {
          key: pki.serverKeyPem,
          cert: pki.serverCertPem,
          ca: pki.caCertPem,
          requestCert: true,
          rejectUnauthorized: false,
        },
        onRequest,
      )
    : http.createServer(onRequest);
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  port = await listen(server, port);

  const sweepEvery = Math.max(10, Math.min(1000, Math.floor(eventTtlMs / 4)));
  const sweeper = setInterval(() => store.expireEvents(), sweepEvery);
  sweeper.unref();
  const progressEvery = opts.progressNotifyIntervalMs ?? 600_000;
  const progress = progressEvery > 0 ? setInterval(() => store.progressNotify(), progressEvery) : undefined;
  progress?.unref();

  const matching = (filter: WatchFilter | undefined): WatchSession[] =>
    [...watches].filter(
      (w) =>
        (!filter?.resource || w.resource === filter.resource) && (!filter?.user || w.user === filter.user),
    );

  const kindOrThrow = (apiVersion: string | undefined, kind: string | undefined): ResourceKind => {
    const k = apiVersion && kind ? store.kindOf(apiVersion, kind) : undefined;
    if (!k) throw new Error(`test server: unknown kind ${apiVersion ?? '?'} ${kind ?? '?'}`);
    return k;
  };
  const asKube = (obj: unknown): KubeObject => {
    if (!obj || typeof obj !== 'object') throw new Error('test server: object expected');
    return obj as KubeObject;
  };
  const write = <T>(obj: T, mode: 'create' | 'update' | 'apply'): T => {
    const o = asKube(obj);
    const k = kindOrThrow(o.apiVersion, o.kind);
    if (k.kind === 'CustomResourceDefinition') validateCrd(o);
    const exists =
      o.metadata?.name !== undefined && store.get(k, o.metadata.namespace ?? 'default', o.metadata.name);
    const stored =
      mode === 'create' || (mode === 'apply' && !exists)
        ? store.create(k, o, { trusted: true })
        : store.update(k, o, { trusted: true });
    return stored.copy(apiVersionOf(k)) as T;
  };

  const faults: Faults = {
    dropWatches: (f) => matching(f).map((w) => w.drop()).length,
    closeWatches: (f) => matching(f).map((w) => w.close()).length,
    stallWatches: (f) => matching(f).map((w) => w.stall()).length,
    failNext: (n, fault) => ctx.failQueue.add(n, fault),
    compact: () => store.compact(),
    compactEtcd: () => store.etcd.compact(),
    expireWatchCache(resource) {
      const caches = new Set(
        store
          .kinds()
          .filter((k) => !resource || k.plural === resource)
          .map((k) => store.cacheOf(k)),
      );
      for (const c of caches) store.expireWatchCache(c);
    },
    restartWatchCache() {
      const ended = [...watches].map((w) => w.close()).length;
      store.reinitWatchCaches();
      return ended;
    },
    progressNotify: () => store.progressNotify(),
    forbidWatch(resource) {
      ctx.watchForbidden.add(resource);
      return () => ctx.watchForbidden.delete(resource);
    },
    overflowWatches: (f) => matching(f).map((w) => w.overflow()).length,
    sendWatchError410: (f) => matching(f).map((w) => w.expire()).length,
    async restart(o) {
      await closeServer(server, sockets);
      for (const w of [...watches]) w.drop();
      if (o?.reinitWatchCache) store.reinitWatchCaches();
      await listen(server, port);
    },
  };

  const testServer: TestServer = {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    caPem: pki?.caCertPem ?? '',
    port,
    addTokenUser: (name, token, groups) => authn.addToken(name, token, groups),
    issueClientCert(name, groups) {
      if (!pki) throw new Error('test server: client certificates need tls');
      return issueClientCert(pki, name, groups);
    },
    allow: (user, rule) => rbac.allow(user, rule),
    grantAll: (user) => rbac.allow(user, { verbs: '*', resources: '*' }),
    create: (obj) => write(obj, 'create'),
    update: (obj) => write(obj, 'update'),
    apply: (obj) => write(obj, 'apply'),
    delete(apiVersion, kind, namespace, name) {
      const k = kindOrThrow(apiVersion, kind);
      if (k.kind === 'CustomResourceDefinition') crds.delete(name);
      else store.remove(k, namespace, name);
    },
    get(apiVersion, kind, namespace, name) {
      const k = kindOrThrow(apiVersion, kind);
      return store.get(k, namespace ?? 'default', name)?.copy(apiVersion);
    },
    list(apiVersion, kind, namespace) {
      const k = kindOrThrow(apiVersion, kind);
      const prefix = k.namespaced && namespace !== undefined ? `${namespace}/` : '';
      return [...store.storageOf(k).scan(new Map(), prefix)].map((o) => o.copy(apiVersion));
    },
    currentResourceVersion: () => String(store.currentRv()),
    expireEvents: () => store.expireEvents(),
    faults,
    counters: ctx.counters,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    kubeconfig(o: KubeconfigOptions) {
      let token = o.token;
      if (!token && !o.clientCert) {
        token = authn.tokenOf(o.user);
        if (!token) {
          token = randomBytes(16).toString('hex');
          authn.addToken(o.user, token);
        }
      }
      const contextName = o.contextName ?? 'kube-events-test';
      return renderKubeconfig({
        server: testServer.url,
        ...(pki ? { caPem: pki.caCertPem } : {}),
        contextName,
        userEntryName: `${o.user}@${contextName}`,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        ...(token ? { token } : {}),
        ...(o.clientCert ? { clientCert: o.clientCert } : {}),
      });
    },
    async stop() {
      crds.dispose();
      clearInterval(sweeper);
      if (progress) clearInterval(progress);
      for (const w of [...watches]) w.drop();
      await closeServer(server, sockets);
    },
  };
  return testServer;
}
