/**
 * discoveryClient: reads what one API server serves. Aggregated discovery first: `/api` and
 * `/apis` asked in parallel with the APIGroupDiscoveryList Accept header (one round trip for the
 * whole cluster). A server that ignores the header answers with the legacy index documents
 * (APIVersions, APIGroupList): those are reused as they are, and the per-group-version documents
 * (`/api/v1`, `/apis/GROUP/VERSION`) are then fetched with bounded parallelism. Every body is
 * read with a byte cap; a group version that fails (an aggregated API server down, a 503) is
 * skipped and named, never fatal. A 401/403 on the index documents rejects with the ApiError
 * (the caller degrades to its built-in kinds).
 */
import { ApiError } from '../core/cache/errors';
import {
  parseAggregated,
  parseLegacyIndex,
  parseLegacyResources,
  type DiscoveredKind,
  type LegacyGroupVersion,
} from '../core/discovery/catalog';
import type { DiscoveryResult, DiscoverySource } from '../core/discovery/clusterDiscovery';
import { isSuccess, readBody, responseError } from './responses';
import type { Requester } from './transport';

/** AGGREGATED_ACCEPT asks for aggregated discovery (v2) and accepts the legacy JSON too. */
export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

export interface DiscoveryClientOptions {
  transport: Requester;
  /** A discovery body larger than this (decoded) is an error. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Legacy group-version documents fetched at once. Default 6. */
  concurrency?: number;
  /** Legacy group versions fetched at most (the rest are skipped and named). Default 400. */
  maxGroupVersions?: number;
}

export const DISCOVERY_CLIENT_DEFAULTS = {
  maxBodyBytes: 16 * 1024 * 1024,
  concurrency: 6,
  maxGroupVersions: 400,
} as const;

/**
 * createDiscoveryClient returns the DiscoverySource of one context. `discover` makes two
 * requests with aggregated discovery, 2 + one per group version without it (bounded).
 */
export function createDiscoveryClient(options: DiscoveryClientOptions): DiscoverySource {
  const maxBodyBytes = options.maxBodyBytes ?? DISCOVERY_CLIENT_DEFAULTS.maxBodyBytes;
  const concurrency = Math.max(1, options.concurrency ?? DISCOVERY_CLIENT_DEFAULTS.concurrency);
  const maxGroupVersions = options.maxGroupVersions ?? DISCOVERY_CLIENT_DEFAULTS.maxGroupVersions;
  const { transport } = options;

  const getJson = async (path: string, signal: AbortSignal, accept?: string): Promise<unknown> => {
    const res = await transport.request(path, {}, { signal, accept });
    if (!isSuccess(res)) throw await responseError(res);
    const text = await readBody(res, maxBodyBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(500, 'InternalError', `${path}: the discovery document is not valid JSON`);
    }
  };

  return {
    async discover(signal: AbortSignal): Promise<DiscoveryResult> {
      const [core, groups] = await Promise.all([
        getJson('/api', signal, AGGREGATED_ACCEPT),
        getJson('/apis', signal, AGGREGATED_ACCEPT),
      ]);
      const aggCore = parseAggregated(core);
      const aggGroups = parseAggregated(groups);
      if (aggCore && aggGroups) {
        return { kinds: [...aggCore, ...aggGroups], mode: 'aggregated', requests: 2, skipped: [] };
      }
      const index = [...parseLegacyIndex(core), ...parseLegacyIndex(groups)];
      const wanted = index.slice(0, maxGroupVersions);
      const skipped = index.slice(maxGroupVersions).map(gvName);
      // Indexed by group version, so the result's order does not depend on response timing.
      const found: DiscoveredKind[][] = [];
      let requests = 2;
      let next = 0;
      const worker = async () => {
        while (next < wanted.length && !signal.aborted) {
          const i = next++;
          const gv = wanted[i]!;
          requests++;
          try {
            found[i] = parseLegacyResources(await getJson(gvPath(gv), signal), gv);
          } catch (err) {
            if (signal.aborted) throw err;
            skipped.push(gvName(gv));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, worker));
      if (signal.aborted) throw new Error('discovery cancelled');
      return { kinds: found.flat(), mode: 'legacy', requests, skipped };
    },
  };
}

function gvName(gv: LegacyGroupVersion): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

function gvPath(gv: LegacyGroupVersion): string {
  return gv.group ? `/apis/${gv.group}/${gv.version}` : `/api/${gv.version}`;
}
