/**
 * negotiate: the Accept header as the apiserver's content negotiation reads it. A header is a
 * comma-separated list of media types tried in order; `application/json` (or a wildcard) with
 * `as`/`g`/`v` parameters asks for a conversion: a meta.k8s.io Table, PartialObjectMetadata or
 * PartialObjectMetadataList (v1 or v1beta1), or, on `/api` and `/apis`, an apidiscovery.k8s.io
 * APIGroupDiscoveryList. A media type the server cannot produce (protobuf here, an unknown
 * conversion) is skipped; when none is left the answer is 406.
 */
import { ApiError, statusOf } from './status';

/** Output is what a resource request asked for. */
export type Output =
  | { as: 'object' }
  | { as: 'Table'; version: string }
  | { as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: string };

/** MediaType is one entry of an Accept header. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** parseAccept splits an Accept header into media types, in order (an absent header is `*\/*`). */
export function parseAccept(header: string | string[] | undefined): MediaType[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (!value.trim()) return [{ type: '*/*', params: {} }];
  return value
    .split(',')
    .map((part) => {
      const [type, ...rest] = part.split(';').map((x) => x.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: (type ?? '').toLowerCase(), params };
    })
    .filter((m) => m.type.length > 0);
}

function isJson(m: MediaType): boolean {
  return m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';
}

/** notAcceptable is the 406 the server answers when no offered media type can be produced. */
export function notAcceptable(message: string): ApiError {
  return new ApiError(statusOf(406, 'NotAcceptable', message));
}

const ACCEPTED =
  'the server was unable to respond with a content type that the client supports (server accepts application/json, application/yaml, application/vnd.kubernetes.protobuf)';

/** negotiateResource picks the output of a resource request (get, list, watch, writes); throws 406. */
export function negotiateResource(header: string | string[] | undefined): Output {
  for (const m of parseAccept(header)) {
    if (!isJson(m)) continue;
    const as = m.params.as;
    if (as === undefined) return { as: 'object' };
    if (m.params.g !== 'meta.k8s.io' || (m.params.v !== 'v1' && m.params.v !== 'v1beta1')) continue;
    if (as === 'Table' || as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return { as, version: m.params.v };
    }
  }
  throw notAcceptable(ACCEPTED);
}

/** AGGREGATED_V2 is the media type of aggregated discovery (request and response). */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * wantsAggregated tells whether a discovery request (`/api`, `/apis`) prefers the v2
 * APIGroupDiscoveryList over the legacy document: the first servable media type decides.
 * v2beta1 (still served by 1.32, removed in 1.33) is not served here: it is skipped, and the
 * next media type decides (clients list v2 first).
 */
export function wantsAggregated(header: string | string[] | undefined): boolean {
  for (const m of parseAccept(header)) {
    if (!isJson(m)) continue;
    if (m.params.as === undefined) return false;
    if (
      m.params.as === 'APIGroupDiscoveryList' &&
      m.params.g === 'apidiscovery.k8s.io' &&
      m.params.v === 'v2'
    ) {
      return true;
    }
  }
  return false;
}
