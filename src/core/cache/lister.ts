import { raceAbort } from '../util/abort';
import { isGone } from './errors';
import { type KubeObject, type ListerWatcher, type ListOptions } from './types';

/** MAX_LIST_PAGES: pages one LIST may take (2.5M objects at 500 a page); more is an error. */
export const MAX_LIST_PAGES = 5000;

/** ListPaginationError: a server's continue tokens that cannot end (repeated, or too many pages). */
export class ListPaginationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListPaginationError';
  }
}

/** ListResult is a whole (re)list: every page's items and the list's resourceVersion. */
export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  /** The first page carried a continue token (client-go's paginatedResult). */
  paginated: boolean;
}

/** ListAllOptions: one LIST, as the reflector asks for it. */
export interface ListAllOptions<T extends KubeObject> {
  listerWatcher: ListerWatcher<T>;
  resourceVersion: string;
  /** Page size; undefined asks for everything at once (served from the watch cache). */
  limit: number | undefined;
  signal: AbortSignal;
  maxPages?: number;
}

/**
 * listAll reads a whole list the way client-go's pager does: the first request carries the
 * resourceVersion and `limit`; later pages only `continue` and `limit`. When a continue page
 * says Expired, the list is read again at once, whole (no limit), at the same resourceVersion
 * (the pager's FullListIfExpired); a second failure is thrown to the caller.
 *
 * Bounds: a continue token seen before in the same list, or more than `maxPages` pages
 * (default MAX_LIST_PAGES), throws a ListPaginationError; a page whose `items` is not an array
 * throws. Rejects with the request's error otherwise.
 */
export async function listAll<T extends KubeObject>(o: ListAllOptions<T>): Promise<ListResult<T>> {
  const { listerWatcher: lw, signal } = o;
  const maxPages = o.maxPages ?? MAX_LIST_PAGES;
  const first: ListOptions =
    o.limit === undefined
      ? { resourceVersion: o.resourceVersion }
      : { resourceVersion: o.resourceVersion, limit: o.limit };
  const items: T[] = [];
  const seen = new Set<string>();
  let options = first;
  let paginated = false;
  for (let pages = 1; ; pages++) {
    let page;
    try {
      page = await raceAbort(lw.list(options, signal), signal);
    } catch (err) {
      if (!options.continue || !isGone(err)) throw err;
      const whole = await raceAbort(lw.list({ resourceVersion: o.resourceVersion }, signal), signal);
      return { items: pageItems<T>(whole.items), resourceVersion: rvOf(whole.resourceVersion), paginated };
    }
    for (const item of pageItems<T>(page.items)) items.push(item);
    const next = page.continue;
    if (!next) return { items, resourceVersion: rvOf(page.resourceVersion), paginated };
    if (typeof next !== 'string') throw new ListPaginationError('list: the continue token is not a string');
    paginated = true;
    if (seen.has(next))
      throw new ListPaginationError(`list: the server repeated a continue token (page ${pages})`);
    if (pages >= maxPages) throw new ListPaginationError(`list: more than ${maxPages} pages; giving up`);
    seen.add(next);
    options = o.limit === undefined ? { continue: next } : { limit: o.limit, continue: next };
  }
}

function pageItems<T>(items: unknown): T[] {
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new ListPaginationError('list: the page has no items array');
  return items as T[];
}

function rvOf(rv: unknown): string {
  return typeof rv === 'string' ? rv : '';
}
