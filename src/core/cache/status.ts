/**
 * InformerStatus is what an informer is doing, for status bars and trees:
 * - `idle`: not started; `stopped`: stopped for good.
 * - `connecting`: the first list is in progress.
 * - `synced`: the cache holds the first list (and everything since); `objectCount` and
 *   `resourceVersion` follow the cache as it changes (refreshed once per drained batch of
 *   changes and at every phase change, not on bookmarks alone).
 * - `retrying`: a list or watch failed; the next attempt is at `retryAt` (clock ms). `synced`
 *   tells whether the cache had synced before (it keeps serving its last state).
 * - `forbidden` / `unauthorized`: the LIST got 403 / a request got 401; retries continue
 *   (RBAC and credentials can change). `during: 'watch'`: the LIST works but the WATCH is
 *   refused with 403; the cache is refreshed only by the relist at each retry.
 */
export type InformerStatus =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'synced'; objectCount: number; resourceVersion: string }
  | {
      phase: 'retrying';
      error: string;
      attempt: number;
      retryAt: number;
      objectCount: number;
      synced: boolean;
    }
  | { phase: 'forbidden'; error: string; retryAt: number; during?: 'watch' }
  | { phase: 'unauthorized'; error: string; retryAt: number }
  | { phase: 'stopped' };

/** sameStatus compares two statuses field by field (they are flat records). */
export function sameStatus(a: InformerStatus, b: InformerStatus): boolean {
  if (a.phase !== b.phase) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((k) => ra[k] === rb[k]);
}
