import type { Plugin } from 'esbuild';

/** clientNodeApart: see clientNodeApart.mjs. */
export declare const clientNodeApart: Plugin;
