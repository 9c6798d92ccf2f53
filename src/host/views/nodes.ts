import type { Section } from '../../core/discovery/sections';
import type { ResourceKind } from '../../core/kinds';

/**
 * TreeNode is one element of the Clusters tree. Nodes are interned by `id` (see NodeCache), so
 * the same object stands for the same tree item across refreshes: VS Code keeps expansion and
 * selection, `reveal` works, and a change event can name exactly the nodes that changed.
 */
export type TreeNode = ContextNode | NamespaceNode | SectionNode | KindNode | ObjectNode | MessageNode;

interface Base {
  readonly id: string;
  readonly parent: TreeNode | undefined;
}

export interface ContextNode extends Base {
  readonly type: 'context';
  readonly context: string;
}

export interface NamespaceNode extends Base {
  readonly type: 'namespace';
  readonly context: string;
  readonly namespace: string;
}

/**
 * SectionNode is a heading over discovered (lazy) kinds: under a namespace for namespaced kinds,
 * under the context for cluster-scoped ones.
 */
export interface SectionNode extends Base {
  readonly type: 'section';
  readonly context: string;
  readonly namespace: string | undefined;
  readonly section: Section;
}

/**
 * KindNode groups one kind: in a namespace, or cluster-scoped under the context (eager kinds), or
 * under its section there (lazy kinds).
 */
export interface KindNode extends Base {
  readonly type: 'kind';
  readonly context: string;
  readonly namespace: string | undefined;
  readonly kind: ResourceKind;
}

export interface ObjectNode extends Base {
  readonly type: 'object';
  readonly context: string;
  readonly namespace: string | undefined;
  readonly kind: ResourceKind;
  readonly name: string;
}

/** MessageNode is an informational leaf: "forbidden", "connecting…", a kubeconfig error. */
export interface MessageNode extends Base {
  readonly type: 'message';
  readonly text: string;
  readonly severity: 'info' | 'warning' | 'error';
  readonly detail?: string;
  /** Shown after the text, less prominently. */
  readonly description?: string;
  /** A file position the row opens when clicked (a kubeconfig error). */
  readonly open?: MessageLocation;
}

/** MessageLocation is a position in a local file; line and column are 1-based. */
export interface MessageLocation {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
}

const SEP = '\u0000';
const kindKey = (context: string, kind: ResourceKind) => [context, kind.group, kind.plural].join(SEP);

export interface NodeCacheOptions {
  /** Eager kinds hang from their namespace or context; other kinds from their section. */
  isEager?: (kind: ResourceKind) => boolean;
  /** The section of a non-eager kind. */
  sectionOf?: (kind: ResourceKind) => Section;
}

/** NodeCache interns nodes by id. Nodes of a context are dropped when it disconnects. */
export class NodeCache {
  constructor(private readonly options: NodeCacheOptions = {}) {}

  private readonly nodes = new Map<string, TreeNode>();
  /**
   * Object nodes by their (interned) kind node, then name: a kind's children are found by name
   * alone, without building an id per child (5,000 ids cost ~4 ms per expansion), and the nodes
   * of objects gone from a listing are dropped.
   */
  private readonly objectsByKind = new Map<KindNode, Map<string, ObjectNode>>();
  /** Kind nodes by context and kind, across namespaces. */
  private readonly byKind = new Map<string, Set<KindNode>>();

  private intern<T extends TreeNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }

  get(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  context(context: string): ContextNode {
    return this.intern({ type: 'context', id: ['c', context].join(SEP), parent: undefined, context });
  }

  namespace(context: string, namespace: string): NamespaceNode {
    return this.intern({
      type: 'namespace',
      id: ['n', context, namespace].join(SEP),
      parent: this.context(context),
      context,
      namespace,
    });
  }

  /** section is the heading node of `section` in a namespace, or under the context. */
  section(context: string, namespace: string | undefined, section: Section): SectionNode {
    const parent = namespace === undefined ? this.context(context) : this.namespace(context, namespace);
    return this.intern({
      type: 'section',
      id: ['s', context, namespace ?? '', section.id].join(SEP),
      parent,
      context,
      namespace,
      section,
    });
  }

  /** kindNodes lists the kind nodes made for `kind` in a context (every namespace). */
  kindNodes(context: string, kind: ResourceKind): KindNode[] {
    return [...(this.byKind.get(kindKey(context, kind)) ?? [])];
  }

  kind(context: string, namespace: string | undefined, kind: ResourceKind): KindNode {
    const { isEager, sectionOf } = this.options;
    const parent =
      isEager && sectionOf && !isEager(kind)
        ? this.section(context, namespace, sectionOf(kind))
        : namespace === undefined
          ? this.context(context)
          : this.namespace(context, namespace);
    const node = this.intern<KindNode>({
      type: 'kind',
      id: ['k', context, namespace ?? '', kind.plural, kind.group].join(SEP),
      parent,
      context,
      namespace,
      kind,
    });
    const key = kindKey(context, kind);
    let set = this.byKind.get(key);
    if (!set) this.byKind.set(key, (set = new Set()));
    set.add(node);
    return node;
  }

  object(context: string, kind: ResourceKind, namespace: string | undefined, name: string): ObjectNode {
    const parent = this.kind(context, kind.namespaced ? namespace : undefined, kind);
    const byName = this.byName(parent);
    return byName.get(name) ?? this.newObject(parent, byName, name);
  }

  /**
   * objects returns the nodes of `parent`'s objects named `names` (unique names, in the order
   * given): the kind's whole listing. Nodes of names no longer listed are forgotten.
   */
  objects(parent: KindNode, names: readonly string[]): ObjectNode[] {
    const byName = this.byName(parent);
    const out = names.map((name) => byName.get(name) ?? this.newObject(parent, byName, name));
    if (byName.size > names.length) {
      const listed = new Set(names);
      for (const [name, node] of byName) {
        if (listed.has(name)) continue;
        byName.delete(name);
        this.nodes.delete(node.id);
      }
    }
    return out;
  }

  private byName(parent: KindNode): Map<string, ObjectNode> {
    let byName = this.objectsByKind.get(parent);
    if (!byName) this.objectsByKind.set(parent, (byName = new Map()));
    return byName;
  }

  private newObject(parent: KindNode, byName: Map<string, ObjectNode>, name: string): ObjectNode {
    const { context, namespace, kind } = parent;
    const id = ['o', context, namespace ?? '', kind.plural, kind.group, name].join(SEP);
    const node: ObjectNode = { type: 'object', id, parent, context, namespace, kind, name };
    byName.set(name, node);
    this.nodes.set(id, node);
    return node;
  }

  message(
    parent: TreeNode | undefined,
    key: string,
    text: string,
    severity: MessageNode['severity'],
    detail?: string,
    extra: { description?: string; open?: MessageLocation } = {},
  ): MessageNode {
    const id = ['m', parent?.id ?? '', key].join(SEP);
    const node: MessageNode = { type: 'message', id, parent, text, severity, detail, ...extra };
    this.nodes.set(id, node);
    return node;
  }

  /** peekObject returns the object node only if it was already created (shown at least once). */
  peekObject(
    context: string,
    kind: ResourceKind,
    namespace: string | undefined,
    name: string,
  ): ObjectNode | undefined {
    const parent = this.peekKind(context, kind.namespaced ? namespace : undefined, kind);
    return parent && this.objectsByKind.get(parent)?.get(name);
  }

  peekNamespace(context: string, namespace: string): NamespaceNode | undefined {
    return this.nodes.get(['n', context, namespace].join(SEP)) as NamespaceNode | undefined;
  }

  peekKind(context: string, namespace: string | undefined, kind: ResourceKind): KindNode | undefined {
    const id = ['k', context, namespace ?? '', kind.plural, kind.group].join(SEP);
    return this.nodes.get(id) as KindNode | undefined;
  }

  /** forgetContext drops every node below a context (it disconnected or was removed). */
  forgetContext(context: string): void {
    for (const key of [...this.byKind.keys()])
      if (key.startsWith(`${context}${SEP}`)) this.byKind.delete(key);
    for (const parent of this.objectsByKind.keys()) {
      if (parent.context === context) this.objectsByKind.delete(parent);
    }
    for (const [id, node] of this.nodes) {
      if (node.type !== 'context' && node.type !== 'message' && node.context === context)
        this.nodes.delete(id);
    }
  }
}
