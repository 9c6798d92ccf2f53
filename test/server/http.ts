/**
 * http: response and body helpers shared by the handlers. Every response goes through
 * `send`, which also records the status in the request log entry and, like kube-apiserver's
 * deferredResponseWriter, gzips bodies over 128 KiB for clients that accept gzip. Watch streams
 * do not go through `send` and are never compressed (the real server does not either).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { RequestRecord } from './types';
import { ApiError, badRequest, statusOf } from './status';

const MAX_BODY = 16 * 1024 * 1024;

/** GZIP_THRESHOLD_BYTES: kube-apiserver compresses a response only when it is larger than this. */
export const GZIP_THRESHOLD_BYTES = 128 * 1024;

/** acceptsGzip tells whether an Accept-Encoding header lists gzip (q=0 excluded). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [token, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    return token === 'gzip' && !params.some((p) => /^q=0(\.0*)?$/.test(p));
  });
}

/** send writes a complete JSON response (`body` already serialized or an object). */
export function send(
  res: ServerResponse,
  record: RequestRecord,
  code: number,
  body: string | object,
  headers: Record<string, string> = {},
): void {
  record.status = code;
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let payload: string | Buffer = text;
  const extra: Record<string, string> = {};
  if (Buffer.byteLength(text) > GZIP_THRESHOLD_BYTES && acceptsGzip(res.req?.headers['accept-encoding'])) {
    payload = gzipSync(text, { level: 1 }); // the apiserver's level: BestSpeed
    extra['Content-Encoding'] = 'gzip';
    extra.Vary = 'Accept-Encoding';
  }
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    'Cache-Control': 'no-cache, private',
    ...extra,
    ...headers,
  });
  res.end(payload);
}

/** sendError answers with an ApiError's Status, or a 500 InternalError for anything else. */
export function sendError(res: ServerResponse, record: RequestRecord, err: unknown): void {
  if (err instanceof ApiError) {
    send(res, record, err.code, err.status, err.headers);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  send(res, record, 500, statusOf(500, 'InternalError', `Internal error occurred: ${message}`));
}

/** readJson reads and parses a JSON request body (400 on malformed JSON, 413 on huge bodies). */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY)
      throw new ApiError(statusOf(413, 'RequestEntityTooLarge', 'Request entity too large'));
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding request body: ${(e as Error).message}`);
  }
}
