/**
 * kubeconfigWatcher: notices edits to kubeconfig files. Editors and tools (kubectl, aws, gcloud)
 * often replace a file (write a temp file, rename it over), which ends an `fs.watch` on the file
 * itself; so the directory of each file is watched too, filtered to the file's name. Missing files
 * are covered by their directory: creating the file later is noticed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Disposable } from '../core/util/disposable';

export interface WatchKubeconfigOptions {
  /** Quiet period after the last change before `onChange` runs (default 250 ms). */
  debounceMs?: number;
  /** Injected for tests; defaults to `fs.watch`. */
  watch?: (
    target: string,
    listener: (event: string, filename: string | Buffer | null) => void,
  ) => fs.FSWatcher;
}

/**
 * watchKubeconfigFiles calls `onChange` (debounced) after any of `paths` is created, changed,
 * replaced or removed. Watch failures (a directory that does not exist) are ignored: that file is
 * then not watched. `dispose()` closes every watcher and cancels a pending call.
 */
export function watchKubeconfigFiles(
  paths: readonly string[],
  onChange: () => void,
  options: WatchKubeconfigOptions = {},
): Disposable {
  const debounceMs = options.debounceMs ?? 250;
  const watch =
    options.watch ??
    ((target, listener) => fs.watch(target, { persistent: false }, (e, f) => listener(e, f)));
  const watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  const trigger = () => {
    if (disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!disposed) onChange();
    }, debounceMs);
  };
  const tryWatch = (target: string, listener: (event: string, filename: string | Buffer | null) => void) => {
    try {
      const w = watch(target, listener);
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // Not there (yet): the directory watcher covers creation, when the directory exists.
    }
  };
  const byDir = new Map<string, Set<string>>();
  for (const p of paths) {
    const abs = path.resolve(p);
    tryWatch(abs, () => trigger());
    const dir = path.dirname(abs);
    if (!byDir.has(dir)) byDir.set(dir, new Set());
    byDir.get(dir)!.add(path.basename(abs));
  }
  for (const [dir, names] of byDir) {
    tryWatch(dir, (_event, filename) => {
      // Some platforms report no filename: treat as a possible change.
      if (filename === null || names.has(filename.toString())) trigger();
    });
  }
  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
      watchers.length = 0;
    },
  };
}
