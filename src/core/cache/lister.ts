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
  /**
   * Applied to every item, page by page as the pages arrive (by the ListerWatcher as it decodes
   * each item when it can, see ListPage.transformed), so the raw items of a page are released
   * before the next page is requested. Must not throw.
   */
  transform?: (obj: T) => T;
}

/**
 * listAll reads a whole list the way client-go's pager does: the first request carries the
 * resourceVersion and `limit`; later pages only `continue` and `limit`. When a continue page
 * says Expired, the list is read again at once, whole (no limit), at the same resourceVersion
 * (the pager's FullListIfExpired); a second failure is thrown to the caller.
 *
 * Only transformed items are kept (see `transform`): the result holds every page's items after
 * the transform, never a raw page. Nothing is returned before the last page arrives, so the
 * caller replaces its store only with a whole list, at the last page's resourceVersion.
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
  const { transform } = o;
  /** read lists one page; only its transformed items are kept (the raw page is dropped here). */
  const read = async (opts: ListOptions): Promise<Read<T>> => {
    const page = await raceAbort(lw.list(opts, signal, transform), signal);
    const raw = pageItems<T>(page.items);
    const kept = transform && page.transformed !== true ? raw.map(transform) : raw;
    return { items: kept, resourceVersion: rvOf(page.resourceVersion), continue: page.continue };
  };
  for (let pages = 1; ; pages++) {
    let page: Read<T>;
    try {
      page = await read(options);
    } catch (err) {
      if (!options.continue || !isGone(err)) throw err;
      // The items of earlier pages are dropped now, before the whole list is read.
      items.length = 0;
      const whole = await read({ resourceVersion: o.resourceVersion });
      return { items: whole.items, resourceVersion: whole.resourceVersion, paginated };
    }
    for (const item of page.items) items.push(item);
    const next = page.continue;
    if (!next) return { items, resourceVersion: page.resourceVersion, paginated };
    if (typeof next !== 'string') throw new ListPaginationError('list: the continue token is not a string');
    paginated = true;
    if (seen.has(next))
      throw new ListPaginationError(`list: the server repeated a continue token (page ${pages})`);
    if (pages >= maxPages) throw new ListPaginationError(`list: more than ${maxPages} pages; giving up`);
    seen.add(next);
    options = o.limit === undefined ? { continue: next } : { limit: o.limit, continue: next };
  }
}

/** Read is what listAll keeps of one page. */
interface Read<T> {
  items: T[];
  resourceVersion: string;
  continue: unknown;
}

function pageItems<T>(items: unknown): T[] {
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new ListPaginationError('list: the page has no items array');
  return items as T[];
}

function rvOf(rv: unknown): string {
  return typeof rv === 'string' ? rv : '';
}
