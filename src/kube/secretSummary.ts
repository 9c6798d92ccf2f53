/**
 * secretSummary: what describe shows of a Secret's payload (its type and each key's decoded
 * size) and its annotations, from a single GET whose values are dropped as soon as the sizes are
 * counted. Secrets
 * are otherwise only ever cached as metadata (see metadataOnly.ts).
 */
import { ApiError } from '../core/cache/errors';
import { LAST_APPLIED_ANNOTATION } from '../core/cache/transform';
import { DEFAULT_READ_LIMITS } from './limits';
import { isSuccess, readBody, responseError } from './responses';
import type { Requester } from './transport';

/**
 * SecretPayloadSummary is a Secret's type, each data key's decoded size in bytes, and its
 * annotations (which the metadata-only cache does not keep: see SECRET_CACHED_ANNOTATIONS).
 */
export interface SecretPayloadSummary {
  type: string;
  sizes: Record<string, number>;
  annotations: Record<string, string>;
}

/** MAX_SECRET_KEYS bounds the keys counted and the annotations kept (a Secret holds at most 1 MiB anyway). */
const MAX_SECRET_KEYS = 1000;

/**
 * readSecretSummary GETs one Secret and returns its summary; the body (and with it every value)
 * is released when this returns. Rejects with an ApiError on a non-2xx answer.
 */
export async function readSecretSummary(
  transport: Requester,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<SecretPayloadSummary> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`;
  const res = await transport.request(path, {}, { signal });
  if (!isSuccess(res)) throw await responseError(res);
  let secret: { type?: unknown; data?: unknown; metadata?: { annotations?: unknown } };
  try {
    secret = JSON.parse(await readBody(res, DEFAULT_READ_LIMITS.maxSmallBodyBytes * 4)) as typeof secret;
  } catch (err) {
    if (err instanceof SyntaxError) throw new ApiError(500, 'InternalError', 'the Secret is not valid JSON');
    throw err;
  }
  const sizes: Record<string, number> = {};
  const data = secret.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data).slice(0, MAX_SECRET_KEYS)) {
      sizes[k] = typeof v === 'string' ? Buffer.byteLength(v, 'base64') : 0;
    }
  }
  const type = typeof secret.type === 'string' ? secret.type : '';
  return { type, sizes, annotations: annotationsOf(secret.metadata?.annotations) };
}

/**
 * annotationsOf keeps at most MAX_SECRET_KEYS string annotations, without kubectl's
 * last-applied-configuration (for a Secret it holds the data).
 */
function annotationsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  let n = 0;
  for (const [k, s] of Object.entries(v)) {
    if (n >= MAX_SECRET_KEYS) break;
    if (k === LAST_APPLIED_ANNOTATION || typeof s !== 'string') continue;
    Object.defineProperty(out, k, { value: s, enumerable: true, writable: true, configurable: true });
    n++;
  }
  return out;
}
