/**
 * http: response and body helpers shared by the handlers. Every response goes through
 * `send`, which also records the status in the request log entry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestRecord } from './types';
import { ApiError, badRequest, statusOf } from './status';

const MAX_BODY = 16 * 1024 * 1024;

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
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
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
