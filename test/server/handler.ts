/**
 * handler: the request pipeline. Log the request, authenticate (401), serve discovery to any
 * authenticated user, apply injected failures, authorize resource requests with RBAC (403),
 * then hand off to the access reviews or the resource handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, type UserInfo } from './auth';
import type { ServerContext } from './context';
import { aggregatedApi, aggregatedApis, etagOf } from './aggregated';
import {
  AUTHZ_GROUP,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from './discovery';
import { Trickle } from './failQueue';
import { AGGREGATED_V2, wantsAggregated } from './negotiate';
import { readJson, send, sendError } from './http';
import { openapiV3GroupVersion, openapiV3Root } from './openapi';
import {
  isResourceRequest,
  parseRequest,
  type NonResourceRequest,
  type ResourceRequest,
} from './requestInfo';
import { handleResource } from './resources';
import { selfSubjectAccessReview, selfSubjectRulesReview } from './reviews';
import { forbidden, methodNotAllowed, pathNotFound, unauthorized } from './status';
import type { RequestRecord } from './types';

/** handleRequest serves one HTTP request; never throws (errors become Status responses). */
export function handleRequest(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = url.searchParams;
  const info = parseRequest(req.method ?? 'GET', url.pathname, query);
  const record: RequestRecord = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(query),
    verb: isResourceRequest(info) ? info.verb : (req.method ?? 'GET').toLowerCase(),
    user: ANONYMOUS.name,
    status: 0,
    time: ctx.now(),
  };
  if (isResourceRequest(info)) {
    record.resource = info.resource;
    if (info.namespace !== undefined) record.namespace = info.namespace;
    if (info.name !== undefined) record.name = info.name;
  }
  ctx.requests.push(record);
  serve(ctx, req, res, record, info, query).catch((err: unknown) => sendError(res, record, err));
}

async function serve(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  info: ResourceRequest | NonResourceRequest,
  query: URLSearchParams,
): Promise<void> {
  const authenticated = ctx.authn.authenticate(req);
  if (ctx.authorize && (authenticated === undefined || authenticated === ANONYMOUS)) throw unauthorized();
  const user: UserInfo = authenticated ?? ANONYMOUS;
  record.user = user.name;
  if (!isResourceRequest(info)) {
    serveNonResource(ctx, req, res, record, info);
    return;
  }
  const fault = ctx.failQueue.take(info, user.name);
  if (fault instanceof Trickle) {
    record.status = 200;
    return fault.serve(res);
  }
  if (fault) throw fault;
  if (info.group === AUTHZ_GROUP && info.version === 'v1') {
    await serveReview(ctx, req, res, record, info, user);
    return;
  }
  const kind = ctx.store.kindOfResource(info.group, info.version, info.resource);
  if (!kind) throw pathNotFound();
  if (info.verb === 'watch' && ctx.watchForbidden.has(info.resource)) {
    throw forbidden(user.name, info.verb, info.resource, info.group, info.namespace, info.name);
  }
  if (ctx.authorize) {
    const namespace = kind.namespaced || kind.plural === 'namespaces' ? info.namespace : undefined;
    if (!ctx.rbac.allowed(user, { verb: info.verb, resource: info.resource, namespace })) {
      throw forbidden(user.name, info.verb, info.resource, info.group, namespace, info.name);
    }
  }
  await handleResource({ ctx, req, res, record, info, kind, query, user: user.name });
}

/**
 * serveDiscoveryRoot answers `/api` or `/apis`: the aggregated v2 document when the Accept
 * header asks for it (with an ETag, and 304 to a matching If-None-Match), else the legacy one.
 * Both vary with Accept.
 */
function serveDiscoveryRoot(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  root: 'api' | 'apis',
): void {
  const kinds = ctx.store.kinds();
  if (!wantsAggregated(req.headers.accept)) {
    const body = root === 'api' ? apiVersions(ctx.address()) : apiGroupList(kinds);
    send(res, record, 200, body, { Vary: 'Accept' });
    return;
  }
  const text = JSON.stringify(root === 'api' ? aggregatedApi(kinds) : aggregatedApis(kinds));
  const etag = etagOf(text);
  if (req.headers['if-none-match'] === etag) {
    record.status = 304;
    res.writeHead(304, { ETag: etag, Vary: 'Accept', 'Content-Type': AGGREGATED_V2 });
    res.end();
    return;
  }
  send(res, record, 200, text, { 'Content-Type': AGGREGATED_V2, ETag: etag, Vary: 'Accept' });
}

function serveNonResource(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  info: NonResourceRequest,
): void {
  if (record.method !== 'GET' && record.method !== 'HEAD') throw methodNotAllowed();
  let body: object | undefined;
  if (info.path === '/api' || info.path === '/api/') return serveDiscoveryRoot(ctx, req, res, record, 'api');
  if (info.path === '/apis' || info.path === '/apis/')
    return serveDiscoveryRoot(ctx, req, res, record, 'apis');
  if (info.path === '/version' || info.path === '/version/') body = versionInfo();
  else if (info.path === '/openapi/v3') body = openapiV3Root(ctx.store.kinds());
  else if (info.path.startsWith('/openapi/v3/'))
    body = openapiV3GroupVersion(ctx.store.kinds(), info.path.slice('/openapi/v3/'.length));
  else if (['/healthz', '/livez', '/readyz'].includes(info.path)) {
    record.status = 200;
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  } else if (info.version !== undefined)
    body = apiResourceList(ctx.store.kinds(), info.group ?? '', info.version);
  else if (info.group !== undefined) body = apiGroupDoc(ctx.store.kinds(), info.group);
  if (!body) throw pathNotFound();
  send(res, record, 200, body);
}

async function serveReview(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  info: ResourceRequest,
  user: UserInfo,
): Promise<void> {
  const review =
    info.resource === 'selfsubjectaccessreviews'
      ? selfSubjectAccessReview
      : info.resource === 'selfsubjectrulesreviews'
        ? selfSubjectRulesReview
        : undefined;
  if (!review || info.name !== undefined) throw pathNotFound();
  if (info.verb !== 'create') throw methodNotAllowed();
  const body = (await readJson(req)) as Record<string, unknown>;
  send(res, record, 201, review(ctx, user, body));
}
