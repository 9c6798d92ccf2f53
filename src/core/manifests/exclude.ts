/**
 * exclude: which workspace paths the manifest index skips: `node_modules` and `.git` always, and
 * the globs of `files.exclude` / `search.exclude` (their keys set to `true`), matched against
 * the path relative to the workspace folder with `/` separators.
 */

/** ALWAYS_EXCLUDED are folders never indexed, wherever they are. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

/**
 * globToRegExp compiles the glob syntax VS Code settings use: `**` (any folders), `*` (within a
 * segment), `?`, `{a,b}` and `[...]`, anchored at the workspace folder as written (`*.yaml`
 * matches top-level files only; `**` + `/*.yaml` at any depth). A match of a folder also
 * excludes everything under it.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBrace = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBrace++;
      re += '(?:';
    } else if (c === '}' && inBrace > 0) {
      inBrace--;
      re += ')';
    } else if (c === ',' && inBrace > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  while (inBrace-- > 0) re += ')';
  return new RegExp(`^${re}(?:/.*)?$`);
}

/**
 * ExcludeMatcher tells whether a relative path (`/` separators, no leading `/`) is excluded.
 * Built from the settings' objects (`{"**\/dist": true}`); false values and non-boolean
 * (conditional `when`) entries are ignored. At most `maxPatterns` patterns are compiled.
 */
export class ExcludeMatcher {
  private readonly patterns: RegExp[];
  /** globs lists the enabled patterns (always-excluded first), e.g. for `findFiles`. */
  readonly globs: readonly string[];

  constructor(settings: readonly unknown[], maxPatterns = 200) {
    const globs = [...ALWAYS_EXCLUDED];
    for (const s of settings) {
      if (typeof s !== 'object' || s === null) continue;
      for (const [k, v] of Object.entries(s)) if (v === true && k.trim() !== '') globs.push(k.trim());
    }
    this.globs = [...new Set(globs)].slice(0, maxPatterns);
    this.patterns = this.globs.map(globToRegExp);
  }

  excludes(relativePath: string): boolean {
    const p = relativePath.replace(/\\/g, '/').replace(/^\/+/, '');
    if (p.split('/').some((s) => s === 'node_modules' || s === '.git')) return true;
    return this.patterns.some((r) => r.test(p));
  }
}
