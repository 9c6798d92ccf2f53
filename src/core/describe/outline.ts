/**
 * outline: the structure of a describe document read back from its text, for the editor: the
 * sections (an outline and folding ranges) and the object references that can open their own
 * describe (document links). Pure and vscode-free: it works on the text only, so it serves any
 * kubectl-describe-like text, ours or pasted. Positions are 0-based lines and UTF-16 columns.
 */

/** DescribeSection is one `Key:` line and the more-indented lines under it. */
export interface DescribeSection {
  /** The key without its colon, e.g. `Controlled By`. */
  readonly name: string;
  /** What follows the key on its line, trimmed; '' for a header such as `Containers:`. */
  readonly value: string;
  /** The key's line. */
  readonly line: number;
  /** The key's indentation (its first column). */
  readonly indent: number;
  /** The last non-blank line of the section (== line when nothing is under it). */
  readonly endLine: number;
  readonly children: DescribeSection[];
}

/** DescribeLinkTarget names the object a link opens, in the document's context. */
export interface DescribeLinkTarget {
  /** The object's kind, e.g. `ReplicaSet`; one of LINKABLE_KINDS. */
  readonly kind: string;
  readonly name: string;
  /** Set for namespaced kinds: the document's namespace, or the row's (node pod table). */
  readonly namespace?: string;
}

/** DescribeLink is a range of one line that names an object. `end` is exclusive. */
export interface DescribeLink {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly target: DescribeLinkTarget;
}

/** FoldingSpan is a range of lines that folds under its first line. */
export interface FoldingSpan {
  readonly start: number;
  readonly end: number;
}

/** LINKABLE_KINDS are the kinds a `Kind/name` reference may name, with their scope. */
export const LINKABLE_KINDS: Readonly<Record<string, { namespaced: boolean }>> = Object.freeze({
  Pod: { namespaced: true },
  ReplicaSet: { namespaced: true },
  Deployment: { namespaced: true },
  StatefulSet: { namespaced: true },
  DaemonSet: { namespaced: true },
  Job: { namespaced: true },
  CronJob: { namespaced: true },
  Service: { namespaced: true },
  Node: { namespaced: false },
  Namespace: { namespaced: false },
});

/**
 * MAX_LINES bounds the lines read: describe text comes from cluster objects, and a document
 * past this (far more than any kubectl describe) is read up to it only.
 */
export const MAX_LINES = 20_000;

/** A key is words separated by single spaces (a table row has runs of spaces) and a colon. */
const KEY = /^( *)([^\s:](?:[^\s:]| (?! ))*):(?:[ \t]+(.*?)|)\s*$/;
/** A Kubernetes object name (DNS subdomain), at most 253 characters. */
const NAME = '[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?';
const KIND_REF = new RegExp(
  `(?<![\\w/.-])(${Object.keys(LINKABLE_KINDS).join('|')})/(${NAME})(?![\\w/.-])`,
  'g',
);
const NAME_ONLY = new RegExp(`^${NAME}$`);

function lines(text: string): string[] {
  return text.split('\n', MAX_LINES).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * describeSections returns the document's key lines as a tree by indentation: a key owns the
 * following lines indented deeper than itself (continuation lines of a multi-line value, nested
 * keys, tables). Blank lines never end a section; a section ends at its last non-blank line.
 */
export function describeSections(text: string): DescribeSection[] {
  const all = lines(text);
  const root: DescribeSection[] = [];
  const stack: { section: MutableSection; indent: number }[] = [];
  const close = (until: number, lastLine: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= until) {
      stack.pop()!.section.endLine = lastLine;
    }
  };
  let lastNonBlank = -1;
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') continue;
    const indent = indentOf(line);
    close(indent, lastNonBlank);
    const m = KEY.exec(line);
    if (m) {
      const section: MutableSection = {
        name: m[2]!,
        value: (m[3] ?? '').trim(),
        line: i,
        indent,
        endLine: i,
        children: [],
      };
      (stack.length > 0 ? stack[stack.length - 1]!.section.children : root).push(section);
      stack.push({ section, indent });
    }
    lastNonBlank = i;
  }
  close(0, lastNonBlank);
  return root;
}

type MutableSection = { -readonly [K in keyof DescribeSection]: DescribeSection[K] } & {
  children: DescribeSection[];
};

/** describeFoldingRanges returns one span per section that has lines under it. */
export function describeFoldingRanges(text: string): FoldingSpan[] {
  const out: FoldingSpan[] = [];
  const walk = (sections: readonly DescribeSection[]) => {
    for (const s of sections) {
      if (s.endLine > s.line) out.push({ start: s.line, end: s.endLine });
      walk(s.children);
    }
  };
  walk(describeSections(text));
  return out;
}

/**
 * describeOutline returns the sections worth listing in an outline: every top-level key, and
 * below it only the keys that head something (no value on their line, or lines under them),
 * e.g. `Containers:` > `app:` > `Environment:`; plain `Image:` fields are left out.
 */
export function describeOutline(text: string): DescribeSection[] {
  const keep = (s: DescribeSection): DescribeSection => ({
    ...s,
    children: s.children.filter((c) => c.value === '' || c.children.length > 0).map(keep),
  });
  return describeSections(text).map(keep);
}

/**
 * describeLinks finds the object references of a describe document: `Kind/name` anywhere
 * (`Controlled By:  ReplicaSet/web-5d9c`), the top-level `Node:` (`node-2/10.0.0.1` links
 * node-2), `Namespace:`, `NewReplicaSet:`/`OldReplicaSets:` and `Active Jobs:` lists, and the
 * pod names of a node's `Non-terminated Pods:` table. Namespaced targets take `namespace` (the
 * document's); `<none>` and anything that is not a valid object name link nothing. Links never
 * overlap; they come in document order.
 */
export function describeLinks(text: string, o: { namespace?: string } = {}): DescribeLink[] {
  const all = lines(text);
  const out: DescribeLink[] = [];
  const add = (line: number, start: number, kind: string, name: string, namespace = o.namespace) => {
    if (!NAME_ONLY.test(name)) return;
    const end = start + name.length;
    // Only this line's links can overlap: they are the tail of `out`.
    for (let j = out.length - 1; j >= 0 && out[j]!.line === line; j--) {
      if (out[j]!.start < end && start < out[j]!.end) return;
    }
    const scoped = LINKABLE_KINDS[kind]?.namespaced;
    if (scoped && !namespace) return;
    out.push({ line, start, end, target: scoped ? { kind, name, namespace } : { kind, name } });
  };
  let podTable: 'no' | 'header' | 'rows' = 'no';
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    for (const m of line.matchAll(KIND_REF)) add(i, m.index + m[1]!.length + 1, m[1]!, m[2]!);
    const key = KEY.exec(line);
    if (key && key[1] === '' && key[3] !== undefined) {
      const valueStart = line.indexOf(key[3], key[2]!.length + 1);
      keyLinks(key[2]!, key[3], valueStart, (start, kind, name) => add(i, start, kind, name));
    }
    // A node's pods: `  Namespace  Name  CPU Requests …`, dashes, then one row per pod.
    if (key && key[1] === '') podTable = key[2] === 'Non-terminated Pods' ? 'header' : 'no';
    else if (podTable === 'header' && /^\s+-{3,}\s/.test(line)) podTable = 'rows';
    else if (podTable === 'rows') {
      const row = /^(\s+)(\S+)(\s+)(\S+)/.exec(line);
      if (!row || indentOf(line) === 0) podTable = 'no';
      else add(i, row[1]!.length + row[2]!.length + row[3]!.length, 'Pod', row[4]!, row[2]);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}

/** keyLinks adds the links a top-level `key: value` line carries by its key. */
function keyLinks(
  key: string,
  value: string,
  at: number,
  add: (start: number, kind: string, name: string) => void,
): void {
  const list = (kind: string, strip: RegExp) => {
    let offset = 0;
    for (const part of value.split(',')) {
      const lead = part.length - part.trimStart().length;
      const name = part.trim().replace(strip, '');
      add(at + offset + lead, kind, name);
      offset += part.length + 1;
    }
  };
  switch (key) {
    case 'Node':
      add(at, 'Node', value.split('/')[0]!);
      break;
    case 'Namespace':
      add(at, 'Namespace', value);
      break;
    case 'NewReplicaSet':
    case 'OldReplicaSets':
      list('ReplicaSet', / \(.*$/);
      break;
    case 'Active Jobs':
      list('Job', /$^/);
      break;
  }
}
