/**
 * status: what one kind of one context is doing (KindStatus), and the context's rolled-up status
 * (ContextStatus) shown next to the context in the views.
 */
import type { InformerStatus } from '../cache/status';

/**
 * KindStatus is one kind's state across its informer(s). `namespaces` is set when a cluster-wide
 * list was forbidden and the kind is watched in those namespaces only.
 */
export type KindStatus =
  | { phase: 'idle' }
  | { phase: 'connecting'; namespaces?: readonly string[] }
  | { phase: 'synced'; objectCount: number; namespaces?: readonly string[] }
  | { phase: 'retrying'; error: string; objectCount: number; synced: boolean; namespaces?: readonly string[] }
  | { phase: 'forbidden'; error: string; during?: 'watch' }
  | { phase: 'unauthorized'; error: string }
  | { phase: 'stopped' };

/**
 * ContextStatus is a context's state for the views:
 * - `disconnected`: no session; `connecting`: some kind has not listed yet;
 * - `synced`: every allowed kind is cached (`partial` when some kinds are forbidden);
 * - `retrying`: a kind's list or watch is failing and being retried (`reason` says why, e.g.
 *   ECONNREFUSED); `forbidden`: nothing may be listed;
 * - `error`: the context cannot work as configured (broken kubeconfig entry, rejected credentials).
 */
export type ContextStatus =
  | { phase: 'disconnected' }
  | { phase: 'connecting' }
  | { phase: 'synced'; objectCount: number; partial: boolean }
  | { phase: 'retrying'; reason: string }
  | { phase: 'forbidden'; reason: string }
  | { phase: 'error'; reason: string };

/**
 * rollUpInformers combines the statuses of one kind's per-namespace informers. Forbidden
 * namespaces are ignored while another namespace works; all forbidden is forbidden.
 */
export function rollUpInformers(
  statuses: readonly InformerStatus[],
  namespaces: readonly string[] | undefined,
  forbiddenError: string,
): KindStatus {
  const ns = namespaces ? { namespaces } : {};
  const active = statuses.filter(
    (s) => s.phase !== 'forbidden' && s.phase !== 'stopped' && s.phase !== 'idle',
  );
  if (active.length === 0) {
    if (statuses.some((s) => s.phase === 'idle')) return { phase: 'connecting', ...ns };
    const f = statuses.find((s) => s.phase === 'forbidden');
    if (f?.phase === 'forbidden' && f.during === 'watch')
      return { phase: 'forbidden', error: f.error, during: 'watch' };
    return { phase: 'forbidden', error: f && 'error' in f ? f.error : forbiddenError };
  }
  const unauthorized = active.find((s) => s.phase === 'unauthorized');
  if (unauthorized && 'error' in unauthorized) return { phase: 'unauthorized', error: unauthorized.error };
  const count = (s: InformerStatus) => ('objectCount' in s ? s.objectCount : 0);
  const objectCount = active.reduce((n, s) => n + count(s), 0);
  const retrying = active.find((s) => s.phase === 'retrying');
  if (retrying && retrying.phase === 'retrying') {
    const synced = active.every((s) => s.phase === 'synced' || (s.phase === 'retrying' && s.synced));
    return { phase: 'retrying', error: retrying.error, objectCount, synced, ...ns };
  }
  if (active.some((s) => s.phase === 'connecting')) return { phase: 'connecting', ...ns };
  return { phase: 'synced', objectCount, ...ns };
}

/**
 * rollUpKinds combines a session's kinds: unauthorized anywhere is an error (the credential is
 * rejected); otherwise forbidden kinds are left out (partial), and the worst of the rest wins:
 * retrying, then connecting, then synced.
 */
export function rollUpKinds(statuses: readonly KindStatus[]): ContextStatus {
  if (statuses.length === 0) return { phase: 'synced', objectCount: 0, partial: false };
  const unauthorized = statuses.find((s) => s.phase === 'unauthorized');
  if (unauthorized && unauthorized.phase === 'unauthorized') {
    return { phase: 'error', reason: `credentials rejected: ${unauthorized.error}` };
  }
  const allowed = statuses.filter((s) => s.phase !== 'forbidden');
  if (allowed.length === 0) {
    const f = statuses[0] as { error?: string };
    return { phase: 'forbidden', reason: f.error ?? 'forbidden' };
  }
  const retrying = allowed.find((s) => s.phase === 'retrying');
  if (retrying && retrying.phase === 'retrying') return { phase: 'retrying', reason: retrying.error };
  if (allowed.some((s) => s.phase === 'connecting' || s.phase === 'idle')) return { phase: 'connecting' };
  if (allowed.every((s) => s.phase === 'stopped')) return { phase: 'disconnected' };
  const objectCount = allowed.reduce((n, s) => n + ('objectCount' in s ? s.objectCount : 0), 0);
  return { phase: 'synced', objectCount, partial: allowed.length < statuses.length };
}

/** sameJson compares two small status records by value. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
