/**
 * welcomeState: what the Clusters view says when it has nothing (or nothing live) to show, as a
 * pure function of the loaded kubeconfig and the contexts' phases. The host turns it into the
 * `kubeEvents.state` context key (which picks the `viewsWelcome` content), the view's message
 * and the kubeconfig error rows.
 */
import { englishL10n, type Localizer } from '../util/l10n';

/**
 * WelcomeState is the view's state:
 * - `loading`: the kubeconfig has not been read yet;
 * - `noKubeconfig`: none of the files looked at exists (and none failed to read);
 * - `parseError`: some file could not be read or parsed, and no context loaded from the others;
 * - `noContexts`: the files exist and parse, but define no context;
 * - `allDisconnected`: there are contexts and none of them is connected;
 * - `ready`: at least one context is connected (or connecting, or failing: its row says so).
 */
export type WelcomeState =
  'loading' | 'noKubeconfig' | 'parseError' | 'noContexts' | 'allDisconnected' | 'ready';

/** KubeconfigSource says where the kubeconfig paths came from (kubectl's order). */
export type KubeconfigSource = 'setting' | 'env' | 'default';

/** KubeconfigProblem is one kubeconfig file that could not be used, with where in it, if known. */
export interface KubeconfigProblem {
  readonly path: string;
  /** 1-based line of the error in the file, when the parser said. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Why, without the file name (it is `path`) and without quoting the file. */
  readonly reason: string;
}

/** WelcomeInput is what welcomeState reads. */
export interface WelcomeInput {
  /** The kubeconfig has been read (the extension has started). */
  readonly started: boolean;
  /** How many of the kubeconfig files exist. */
  readonly existingFiles: number;
  readonly problems: readonly KubeconfigProblem[];
  /** The phase of each context (`disconnected`, `connecting`, `synced`, …). */
  readonly phases: readonly string[];
}

/** welcomeState picks the view's state; see WelcomeState for the rules, checked in that order. */
export function welcomeState(input: WelcomeInput): WelcomeState {
  if (!input.started) return 'loading';
  if (input.phases.length === 0) {
    if (input.problems.length > 0) return 'parseError';
    return input.existingFiles === 0 ? 'noKubeconfig' : 'noContexts';
  }
  return input.phases.every((p) => p === 'disconnected') ? 'allDisconnected' : 'ready';
}

/**
 * kubeconfigSource says which of kubectl's sources named the files: a non-empty setting, else a
 * non-empty `KUBECONFIG` (split on `delimiter`, the platform's path delimiter), else the default
 * `~/.kube/config`. The same rule as kubeconfigPaths in src/kube/kubeconfig.ts.
 */
export function kubeconfigSource(
  setting: readonly string[],
  kubeconfigEnv: string | undefined,
  delimiter = ':',
): KubeconfigSource {
  if (setting.some((p) => p.trim() !== '')) return 'setting';
  return (kubeconfigEnv ?? '').split(delimiter).some((p) => p !== '') ? 'env' : 'default';
}

const MAX_REASON = 300;

/**
 * kubeconfigProblem reads a kubeconfig load error of either shape: structured, with `line` and
 * `column` (1-based) or a `mark` (js-yaml's YAMLException: 0-based), or today's `{ path, message }`
 * whose message reads `<file>: invalid YAML at line L, column C: <reason>`. The reason loses the
 * leading file name and is cut to 300 characters; positions that are not positive integers are
 * dropped. Never throws.
 */
export function kubeconfigProblem(
  err: {
    readonly path: string;
    readonly message: string;
  },
  l10n: Localizer = englishL10n,
): KubeconfigProblem {
  const e = err as unknown as Record<string, unknown>;
  let line = positive(e.line);
  let column = positive(e.column);
  const mark = e.mark as Record<string, unknown> | undefined;
  if (line === undefined && mark && typeof mark === 'object') {
    line = positive(typeof mark.line === 'number' ? mark.line + 1 : undefined);
    column = positive(typeof mark.column === 'number' ? mark.column + 1 : undefined);
  }
  let reason = typeof e.reason === 'string' && e.reason ? e.reason : String(err.message ?? '');
  if (reason.startsWith(`${err.path}: `)) reason = reason.slice(err.path.length + 2);
  const at = /\bat line (\d+), column (\d+)/.exec(reason);
  if (at && line === undefined) {
    line = positive(Number(at[1]));
    column = positive(Number(at[2]));
  }
  reason = reason.replace(/ at line \d+, column \d+/, '');
  if (reason.length > MAX_REASON) reason = `${reason.slice(0, MAX_REASON - 1)}…`;
  return {
    path: err.path,
    ...(line !== undefined ? { line } : {}),
    ...(line !== undefined && column !== undefined ? { column } : {}),
    reason: reason || l10n.t('cannot read'),
  };
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** problemLocation renders `file:line:column` (or less, when unknown) for the view. */
export function problemLocation(p: KubeconfigProblem, base: (path: string) => string = (x) => x): string {
  const pos = p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : '';
  return `${base(p.path)}${pos}`;
}
