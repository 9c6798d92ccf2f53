/**
 * vscodeStub: a stand-in for the `vscode` module, so the extension's host wiring (Connections,
 * the tree provider, activate) can run in a plain Node process for the benchmark. The pieces
 * the measured paths use are real implementations (EventEmitter, Disposable, TreeItem, Uri);
 * every other namespace is a recorder that accepts any call and returns another recorder.
 * `calls` counts the API calls made, by name, so a run can report what it touched.
 */

/** calls counts stubbed API calls by dotted name (e.g. `window.createTreeView`). */
export const calls: Record<string, number> = {};

type AnyFn = (...args: unknown[]) => unknown;

function recorder(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as AnyFn;
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'length') return 0;
      if (prop === 'dispose') return () => {};
      if (!cache.has(prop)) cache.set(prop, recorder(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    set(_t, prop, value) {
      cache.set(prop, value);
      return true;
    },
    apply() {
      calls[name] = (calls[name] ?? 0) + 1;
      return recorder(`${name}()`);
    },
    construct() {
      calls[`new ${name}`] = (calls[`new ${name}`] ?? 0) + 1;
      return recorder(`${name}#`) as object;
    },
  });
}

export class Disposable {
  private fn: (() => unknown) | undefined;
  constructor(fn: () => unknown) {
    this.fn = fn;
  }
  static from(...ds: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose(): void {
    const f = this.fn;
    this.fn = undefined;
    f?.();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();
  readonly event = (
    listener: (e: T) => unknown,
    thisArg?: unknown,
    disposables?: Disposable[],
  ): Disposable => {
    const l = thisArg === undefined ? listener : listener.bind(thisArg);
    this.listeners.add(l);
    const d = new Disposable(() => this.listeners.delete(l));
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  value: string;
  isTrusted = false;
  supportThemeIcons = false;
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendText(s: string): this {
    this.value += s.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(s: string, lang = ''): this {
    this.value += `\n\`\`\`${lang}\n${s}\n\`\`\`\n`;
    return this;
  }
}
export class TreeItem {
  [key: string]: unknown;
  constructor(
    public label: unknown,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}
export class FileDecoration {
  constructor(
    public badge?: string,
    public tooltip?: string,
    public color?: ThemeColor,
  ) {}
}
export class FileSystemError extends Error {
  static FileNotFound(m?: unknown): FileSystemError {
    return new FileSystemError(String(m ?? 'FileNotFound'));
  }
  code = 'FileNotFound';
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', '', p, '', '');
  }
  static parse(s: string): Uri {
    const u = new URL(s);
    return new Uri(
      u.protocol.replace(/:$/, ''),
      u.host,
      decodeURIComponent(u.pathname),
      u.search.slice(1),
      u.hash.slice(1),
    );
  }
  static from(c: {
    scheme: string;
    authority?: string;
    path?: string;
    query?: string;
    fragment?: string;
  }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return base.with({ path: [base.path, ...parts].join('/').replace(/\/+/g, '/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(c: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(
      c.scheme ?? this.scheme,
      c.authority ?? this.authority,
      c.path ?? this.path,
      c.query ?? this.query,
      c.fragment ?? this.fragment,
    );
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): unknown {
    return {
      scheme: this.scheme,
      authority: this.authority,
      path: this.path,
      query: this.query,
      fragment: this.fragment,
    };
  }
}

const configuration = {
  get: <T>(_key: string, defaultValue?: T): T | undefined => defaultValue,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};

export const workspace = new Proxy(recorder('workspace') as Record<PropertyKey, unknown>, {
  get(t, prop) {
    if (prop === 'getConfiguration') {
      return () => {
        calls['workspace.getConfiguration'] = (calls['workspace.getConfiguration'] ?? 0) + 1;
        return configuration;
      };
    }
    if (prop === 'isTrusted') return true;
    if (prop === 'workspaceFolders') return undefined;
    if (prop === 'onDidChangeConfiguration' || prop === 'onDidGrantWorkspaceTrust')
      return () => new Disposable(() => {});
    return Reflect.get(t, prop);
  },
});
export const window = recorder('window');
export const commands = recorder('commands');
export const env = recorder('env');
export const languages = recorder('languages');
export const l10n = { t: (s: string) => s };
export const version = '1.100.0-bench';
export class CodeActionKind {
  private constructor(readonly value: string) {}
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly Source = new CodeActionKind('source');
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}
