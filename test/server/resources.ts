/**
 * resources: the handlers for resource requests once routed and authorized: list, watch, get,
 * create, update, patch (JSON merge patch) and delete. Responses are built from each stored
 * version's cached JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiVersionOf, type ResourceKind } from '../../src/core/kinds';
import type { KubeObject } from '../../src/core/cache/types';
import type { ServerContext } from './context';
import { readJson, send } from './http';
import { listPage, parseRv, predicateOf, prefixOf, waitFresh } from './list';
import { sendStreamedList } from './streamedList';
import type { ResourceRequest } from './requestInfo';
import {
  ApiError,
  badRequest,
  invalidListOptions,
  methodNotAllowed,
  notFound,
  pathNotFound,
  statusOf,
} from './status';
import { validateCrd } from './crds';
import { isAList, notAList, partialListOf, partialOf } from './metadataOnly';
import { negotiateResource, type Output } from './negotiate';
import { servedOf } from './servedKinds';
import { tableOf, type IncludeObject } from './table';
import type { RequestRecord } from './types';
import { WatchSession, type WatchStart } from './watch';

/** Call bundles one request's pieces for the handlers. */
export interface Call {
  ctx: ServerContext;
  req: IncomingMessage;
  res: ServerResponse;
  record: RequestRecord;
  info: ResourceRequest;
  kind: ResourceKind;
  query: URLSearchParams;
  user: string;
}

function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** goType names the Go type of an object of `k` (or its list), as the server's 406 messages do. */
function goType(k: ResourceKind, list: boolean): string {
  const base = servedOf(k).crd ? 'unstructured.Unstructured' : `${k.version}.${k.kind}`;
  return `*${base}${list ? 'List' : ''}`;
}

/** handleResource dispatches on the verb; throws ApiError for failures. */
export async function handleResource(call: Call): Promise<void> {
  const { info } = call;
  if (info.subresource !== undefined && !servedOf(call.kind).subresources.includes(info.subresource)) {
    throw pathNotFound();
  }
  if (call.kind.namespaced && info.namespace === undefined && info.name !== undefined) throw pathNotFound();
  switch (info.verb) {
    case 'list':
      return list(call);
    case 'watch':
      return watch(call);
    case 'get':
      return get(call);
    case 'create':
      return create(call);
    case 'update':
      return update(call);
    case 'patch':
      return patch(call);
    case 'delete':
      return remove(call);
    case 'deletecollection':
      return removeCollection(call);
    default:
      throw methodNotAllowed();
  }
}

async function list({ ctx, req, res, record, info, kind, query }: Call): Promise<void> {
  const output = negotiateResource(req.headers.accept);
  if (output.as === 'PartialObjectMetadata') throw isAList(goType(kind, true));
  const page = await listPage(ctx.store, kind, info.namespace, query, ctx);
  const meta: Record<string, unknown> = { resourceVersion: String(page.resourceVersion) };
  if (page.continue) meta.continue = page.continue;
  if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
  const apiVersion = apiVersionOf(kind);
  if (output.as === 'PartialObjectMetadataList') {
    const served = page.items.map((o) => o.view(apiVersion));
    send(res, record, 200, partialListOf(served, output.version, meta));
    return;
  }
  if (output.as === 'Table') {
    const table = tableOf(
      kind,
      page.items.map((o) => o.obj),
      {
        now: ctx.now(),
        includeObject: includeObjectOf(query),
        listMeta: meta,
        served: (i) => page.items[i]!.view(apiVersion),
      },
    );
    send(res, record, 200, table);
    return;
  }
  const head = `{"kind":"${kind.kind}List","apiVersion":"${apiVersion}","metadata":${JSON.stringify(meta)},"items":[`;
  const items = page.items;
  await sendStreamedList(res, record, head, items.length, (i) => items[i]!.itemJson(apiVersion), ']}');
}

/**
 * watchStartOf validates a WATCH's options as apimachinery's validateWatchOptions does (422) and
 * says where it starts. A watch without allowWatchBookmarks may ask for initial events (1.32).
 */
function watchStartOf(query: URLSearchParams, watchList: ServerContext['watchList']): WatchStart {
  const rv = query.get('resourceVersion') ?? '';
  const ignored = watchList === 'ignored'; // a server that predates these parameters
  const match = ignored ? '' : (query.get('resourceVersionMatch') ?? '');
  const sendInitialParam = ignored ? null : query.get('sendInitialEvents');
  if (sendInitialParam !== null && watchList === 'disabled') {
    throw invalidListOptions(
      'sendInitialEvents',
      sendInitialParam,
      'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    );
  }
  if (sendInitialParam !== null && match !== 'NotOlderThan') {
    throw invalidListOptions(
      'resourceVersionMatch',
      match,
      'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  }
  if (match) {
    if (sendInitialParam === null) {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      );
    }
    if (query.get('continue')) {
      throw invalidListOptions(
        'resourceVersionMatch',
        match,
        'resourceVersionMatch is forbidden when continue is provided',
      );
    }
  }
  const n = rv && rv !== '0' ? parseRv(rv) : 0;
  if (sendInitialParam !== null && (sendInitialParam === 'true' || sendInitialParam === '1')) {
    return { mode: 'initialEvents', rv: rv === '' ? -1 : n };
  }
  if (n > 0) return { mode: 'since', rv: n };
  // sendInitialEvents=false without a version: no initial state, start at the cache's current version.
  if (sendInitialParam !== null) return { mode: 'since', rv: -1 };
  return { mode: 'current' };
}

async function watch({ ctx, req, res, record, info, kind, query, user }: Call): Promise<void> {
  const output = negotiateResource(req.headers.accept);
  const predicate = predicateOf(kind, query);
  const allowBookmarks =
    query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
  const timeoutParam = query.get('timeoutSeconds');
  if (timeoutParam !== null && !/^\d+$/.test(timeoutParam))
    throw badRequest(`invalid timeoutSeconds: ${timeoutParam}`);
  let start = watchStartOf(query, ctx.watchList);
  const cache = ctx.store.cacheOf(kind);
  if (start.mode === 'since' && start.rv < 0) start = { mode: 'since', rv: cache.rv };
  let tooLarge: ApiError | undefined;
  if (start.mode === 'initialEvents') {
    // WatchList: the initial state must be at least as new as asked: "" is a consistent read
    // (etcd's current revision), N waits for N like a "not older than" list, 0 takes the cache as is.
    const wanted = start.rv < 0 ? ctx.store.currentRv() : start.rv;
    try {
      await waitFresh(ctx.store, cache, wanted, ctx);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      tooLarge = e;
    }
    if (res.destroyed) return; // the client left while we waited
  }
  record.status = 200;
  const session = new WatchSession({
    res,
    kind,
    cache,
    user,
    prefix: prefixOf(kind, info.namespace),
    predicate,
    allowBookmarks,
    bookmarkIntervalMs: ctx.bookmarkIntervalMs,
    timeoutSeconds: timeoutParam !== null ? Number(timeoutParam) : undefined,
    bufferBytes: ctx.watchBufferBytes,
    table: output.as === 'Table' ? { now: ctx.now, includeObject: includeObjectOf(query) } : undefined,
    ...(output.as === 'PartialObjectMetadata' || output.as === 'PartialObjectMetadataList'
      ? { metadataOnly: { version: output.version, asList: output.as === 'PartialObjectMetadataList' } }
      : {}),
    onEnd: (s) => ctx.watches.delete(s),
    onOverflow: () => ctx.counters.slowWatchersClosed++,
  });
  ctx.watches.add(session);
  if (tooLarge) {
    session.start({ mode: 'since', rv: cache.rv });
    session.fail(tooLarge.status);
    return;
  }
  session.start(start);
}

function sendObject(
  call: Call,
  code: number,
  obj: { json(apiVersion: string): string; obj: KubeObject; view(a: string): KubeObject },
  output: Output = negotiateResource(call.req.headers.accept),
): void {
  const { ctx, res, record, kind, query } = call;
  const apiVersion = apiVersionOf(kind);
  if (output.as === 'PartialObjectMetadataList') throw notAList(goType(kind, false));
  if (output.as === 'PartialObjectMetadata') {
    send(res, record, code, partialOf(obj.view(apiVersion), output.version));
    return;
  }
  if (output.as === 'Table') {
    const table = tableOf(kind, [obj.obj], {
      now: ctx.now(),
      includeObject: includeObjectOf(query),
      served: () => obj.view(apiVersion),
    });
    send(res, record, code, table);
    return;
  }
  send(res, record, code, obj.json(apiVersion));
}

function get(call: Call): void {
  const { ctx, info, kind } = call;
  negotiateResource(call.req.headers.accept); // 406 before 404, as the real server negotiates first
  const o = ctx.store.get(kind, info.namespace, info.name!);
  if (!o) throw notFound(kind.plural, kind.group, info.name!);
  sendObject(call, 200, o);
}

async function readObject(call: Call): Promise<KubeObject> {
  const body = await readJson(call.req);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('the request body must be an object');
  const obj = body as KubeObject;
  const expected = apiVersionOf(call.kind);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== call.kind.kind) {
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${call.kind.kind})`,
    );
  }
  obj.metadata = obj.metadata ?? {};
  const ns = call.info.namespace;
  if (call.kind.namespaced && ns !== undefined && obj.metadata.namespace && obj.metadata.namespace !== ns) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return obj;
}

async function create(call: Call): Promise<void> {
  const { ctx, info, kind } = call;
  if (info.name !== undefined || (kind.namespaced && info.namespace === undefined)) throw methodNotAllowed();
  const obj = await readObject(call);
  if (kind.kind === 'Pod') defaultPodStatus(obj);
  // A custom resource with the status subresource is created without status (set via /status).
  if (servedOf(kind).crd && servedOf(kind).subresources.includes('status')) delete obj.status;
  if (info.subresource !== undefined) throw methodNotAllowed();
  if (kind.kind === 'CustomResourceDefinition') {
    delete obj.status; // the controllers write it
    validateCrd(obj);
  }
  const stored = ctx.store.create(kind, obj, { trusted: false }, info.namespace);
  sendObject(call, 201, stored);
}

/** defaultPodStatus gives a new Pod the Pending phase the real server's defaulting would. */
function defaultPodStatus(obj: KubeObject): void {
  const status = (obj.status ?? {}) as Record<string, unknown>;
  if (!status.phase) status.phase = 'Pending';
  if (!status.qosClass) status.qosClass = 'BestEffort';
  obj.status = status;
}

function checkName(call: Call, obj: KubeObject): void {
  if (obj.metadata.name && obj.metadata.name !== call.info.name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${call.info.name})`,
    );
  }
  obj.metadata.name = call.info.name;
}

/**
 * splitStatus applies the status subresource's rule for custom resources that declare it: a
 * write to the object keeps the stored status, a write to `/status` changes only the status.
 * (Built-in kinds are stored as written, as before.)
 */
function splitStatus(call: Call, obj: KubeObject): KubeObject {
  const served = servedOf(call.kind);
  if (!served.crd || !served.subresources.includes('status')) return obj;
  const current = call.ctx.store.get(call.kind, call.info.namespace, call.info.name!);
  if (!current) return obj;
  const stored = current.copy(apiVersionOf(call.kind));
  if (call.info.subresource === 'status') {
    const out = { ...stored, status: obj.status } as KubeObject;
    if (obj.status === undefined) delete out.status;
    out.metadata = { ...stored.metadata, resourceVersion: obj.metadata.resourceVersion };
    return out;
  }
  const out = { ...obj } as KubeObject;
  if (stored.status === undefined) delete out.status;
  else out.status = stored.status;
  return out;
}

async function update(call: Call): Promise<void> {
  const { ctx, info, kind } = call;
  if (info.name === undefined) throw methodNotAllowed();
  const read = await readObject(call);
  checkName(call, read);
  const obj = splitStatus(call, read);
  if (kind.kind === 'CustomResourceDefinition') validateCrd(obj);
  const stored = ctx.store.update(kind, obj, { trusted: false, checkResourceVersion: true }, info.namespace);
  sendObject(call, 200, stored);
}

/** mergePatch applies an RFC 7386 JSON merge patch (also used for strategic merge: lists are replaced). */
export function mergePatch(target: unknown, patchDoc: unknown): unknown {
  if (patchDoc === null || typeof patchDoc !== 'object' || Array.isArray(patchDoc)) return patchDoc;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patchDoc as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

async function patch(call: Call): Promise<void> {
  const { ctx, info, kind, req } = call;
  if (info.name === undefined) throw methodNotAllowed();
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type !== 'application/merge-patch+json' && type !== 'application/strategic-merge-patch+json') {
    throw new ApiError(
      statusOf(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json`,
      ),
    );
  }
  const current = ctx.store.get(kind, info.namespace, info.name);
  if (!current) throw notFound(kind.plural, kind.group, info.name);
  const body = await readJson(req);
  const apiVersion = apiVersionOf(kind);
  const patched = mergePatch(current.copy(apiVersion), body) as KubeObject;
  patched.metadata = { ...(patched.metadata ?? {}), name: info.name };
  const merged = splitStatus(call, patched);
  if (kind.kind === 'CustomResourceDefinition') validateCrd(merged);
  const stored = ctx.store.update(
    kind,
    merged,
    { trusted: false, checkResourceVersion: true },
    info.namespace,
  );
  sendObject(call, 200, stored);
}

function remove(call: Call): void {
  const { ctx, info, kind } = call;
  if (info.subresource !== undefined) throw methodNotAllowed();
  const output = negotiateResource(call.req.headers.accept);
  if (kind.kind === 'CustomResourceDefinition') {
    const marked = ctx.crds.delete(info.name!);
    sendObject(call, 200, { obj: marked, view: () => marked, json: () => JSON.stringify(marked) }, output);
    return;
  }
  const deleted = ctx.store.remove(kind, info.namespace, info.name!);
  sendObject(call, 200, deleted, output);
}

/** removeCollection deletes every object of the namespace (or cluster) matching the selectors; answers the list of deleted objects. */
function removeCollection(call: Call): void {
  const { ctx, info, kind, query, res, record } = call;
  if (kind.namespaced && info.namespace === undefined) throw methodNotAllowed();
  const predicate = predicateOf(kind, query);
  const storage = ctx.store.storageOf(kind);
  const doomed = [...storage.scan(new Map(), prefixOf(kind, info.namespace))].filter(
    (o) => !predicate || predicate(o),
  );
  const apiVersion = apiVersionOf(kind);
  const deleted = doomed.map((o) => {
    const { namespace, name } = o.obj.metadata;
    if (kind.kind !== 'CustomResourceDefinition')
      return ctx.store.remove(kind, namespace, name!).itemJson(apiVersion);
    const { apiVersion: _a, kind: _k, ...rest } = ctx.crds.delete(name!);
    return JSON.stringify(rest);
  });
  const meta = JSON.stringify({ resourceVersion: String(ctx.store.currentRv()) });
  send(
    res,
    record,
    200,
    `{"kind":"${kind.kind}List","apiVersion":"${apiVersion}","metadata":${meta},"items":[${deleted.join(',')}]}`,
  );
}
