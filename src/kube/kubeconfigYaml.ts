/**
 * kubeconfigYaml: parses a kubeconfig's YAML with a budget. js-yaml 4 resolves an alias to the
 * anchored object itself (no copy), so an alias bomb ("billion laughs") parses fast into a small
 * graph that explodes only when something walks it (JSON.stringify, a deep copy). So the parse is
 * followed by one walk that copies the graph into a plain tree while counting every node it
 * visits, shared or not, and stops at `maxNodes`: a 1 KB bomb fails after `maxNodes` steps.
 */
import type * as YamlEntry from './yamlEntry';

let yaml: typeof YamlEntry | undefined;

/** YAML_MAX_NODES bounds the expanded size of one kubeconfig (a large real one has ~10,000). */
export const YAML_MAX_NODES = 200_000;
/** YAML_MAX_DEPTH bounds nesting (a kubeconfig is 5 levels deep; exec env lists 7). */
export const YAML_MAX_DEPTH = 64;

/**
 * KubeconfigSyntaxError is a kubeconfig that cannot be parsed, with the position js-yaml reports
 * (1-based line and column) when it has one. `reason` never quotes the file's text, which may hold
 * credentials.
 */
export class KubeconfigSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `invalid YAML at line ${line}, column ${column}: ${reason}` : reason);
    this.name = 'KubeconfigSyntaxError';
  }
}

export interface YamlBudget {
  maxNodes?: number;
  maxDepth?: number;
}

/**
 * parseKubeconfigYaml parses `text` with js-yaml's core schema (YAML 1.2 JSON-like types: no
 * timestamps, binary or merge keys, as kubectl sees them through JSON) and returns a plain tree
 * with no shared nodes. Throws a KubeconfigSyntaxError for a syntax error (with its position),
 * an expansion over `maxNodes` nodes or nesting deeper than `maxDepth`.
 */
export function parseKubeconfigYaml(text: string, budget: YamlBudget = {}): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yaml ??= require('./yamlEntry') as typeof YamlEntry;
  const maxDepth = budget.maxDepth ?? YAML_MAX_DEPTH;
  let doc: unknown;
  try {
    // maxDepth: js-yaml >= 4.1.1 stops deep nesting while parsing (older ones ignore it; the walk
    // below still bounds it).
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA, maxDepth } as YamlEntry.LoadOptions);
  } catch (err) {
    // js-yaml's message quotes the offending lines; keep only the reason and position.
    const e = err as { reason?: string; mark?: { line: number; column: number } };
    if (err instanceof RangeError) throw new KubeconfigSyntaxError('nested too deeply to parse');
    throw new KubeconfigSyntaxError(
      e.reason ?? 'cannot parse',
      e.mark && e.mark.line + 1,
      e.mark && e.mark.column + 1,
    );
  }
  return copyWithBudget(doc, budget.maxNodes ?? YAML_MAX_NODES, maxDepth);
}

/**
 * copyWithBudget deep-copies a parsed document, iteratively, counting one step per node visited
 * (a node reached through N aliases counts N times). Throws when the count passes `maxNodes` or
 * nesting passes `maxDepth`.
 */
function copyWithBudget(doc: unknown, maxNodes: number, maxDepth: number): unknown {
  let nodes = 0;
  const root: Record<string, unknown> = {};
  type Pending = {
    src: unknown;
    parent: Record<string, unknown> | unknown[];
    key: string | number;
    depth: number;
  };
  const stack: Pending[] = [];
  // Counted when queued, so the queue itself never holds more than maxNodes entries.
  const queue = (p: Pending): void => {
    if (++nodes > maxNodes) {
      throw new KubeconfigSyntaxError(
        `more than ${maxNodes} nodes once aliases are expanded (an alias bomb?)`,
      );
    }
    if (p.depth > maxDepth) throw new KubeconfigSyntaxError(`nested deeper than ${maxDepth} levels`);
    stack.push(p);
  };
  queue({ src: doc, parent: root, key: 'doc', depth: 0 });
  while (stack.length > 0) {
    const { src, parent, key, depth } = stack.pop()!;
    let out: unknown = src;
    if (Array.isArray(src)) {
      const list: unknown[] = new Array<unknown>(src.length);
      out = list;
      for (let i = 0; i < src.length; i++) queue({ src: src[i], parent: list, key: i, depth: depth + 1 });
    } else if (src !== null && typeof src === 'object') {
      const map: Record<string, unknown> = {};
      out = map;
      for (const [k, v] of Object.entries(src)) queue({ src: v, parent: map, key: k, depth: depth + 1 });
    }
    if (key === '__proto__') {
      // A `__proto__` key stays a plain key, never a prototype.
      Object.defineProperty(parent, key, {
        value: out,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      (parent as Record<string | number, unknown>)[key] = out;
    }
  }
  return root.doc;
}
