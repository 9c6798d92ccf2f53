/**
 * text: small helpers shared by the explainers: refs, bounded lines, resource amounts in
 * words, and an Explanation builder that enforces LIMITS.
 */
import type { KubeObject } from '../cache/types';
import { englishL10n, type Localizer } from '../util/l10n';
import type { Confidence, Evidence, ExplainEvent, Explanation, NextStep, Ref } from './types';
import { LIMITS } from './types';

/** clip bounds one line of text (untrusted names and messages included) to LIMITS.lineChars. */
export function clip(s: string, max = LIMITS.lineChars): string {
  const one = s.replace(/[\r\n\t]+/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** ref builds a Ref. */
export function ref(kind: string, namespace: string, name: string): Ref {
  return { kind, namespace, name };
}

/** refOf builds the Ref of a cached object of `kind`. */
export function refOf(kind: string, obj: KubeObject): Ref {
  return { kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}

/** involvedRef is the Ref of the event's involved object. */
export function involvedRef(e: ExplainEvent): Ref {
  return { kind: e.involved.kind, namespace: e.involved.namespace, name: e.involved.name };
}

/** kubectlTarget renders `-n ns kind/name` (no namespace flag for cluster-scoped refs). */
export function kubectlTarget(r: Ref): string {
  const ns = r.namespace ? ` -n ${r.namespace}` : '';
  return `${r.kind.toLowerCase()}/${r.name}${ns}`;
}

/** describeStep offers "Describe X" with the matching kubectl line (kind and name as args). */
export function describeStep(r: Ref, l10n: Localizer): NextStep {
  return {
    title: l10n.t('Describe {0} {1}', r.kind, r.name),
    command: 'describe',
    target: r,
    kubectl: `kubectl describe ${kubectlTarget(r)}`,
  };
}

/** eventsStep offers "Show Events of X". */
export function eventsStep(r: Ref, l10n: Localizer): NextStep {
  const ns = r.namespace ? ` -n ${r.namespace}` : '';
  return {
    title: l10n.t('Show Events of {0} {1}', r.kind, r.name),
    command: 'showEvents',
    target: r,
    kubectl: `kubectl events${ns} --for ${r.kind.toLowerCase()}/${r.name}`,
  };
}

/** revealStep offers "Reveal X" in the tree. */
export function revealStep(r: Ref, l10n: Localizer): NextStep {
  return { title: l10n.t('Reveal {0} {1}', r.kind, r.name), command: 'reveal', target: r };
}

/** kubectlStep offers a kubectl line to copy. */
export function kubectlStep(title: string, line: string): NextStep {
  return { title, command: 'kubectl', kubectl: line };
}

/** formatCpu renders milli-CPU as "2 CPU", "1.5 CPU", "250m CPU". */
export function formatCpu(milli: number): string {
  if (milli % 1000 === 0) return `${milli / 1000} CPU`;
  if (milli > 1000 && milli % 100 === 0) return `${milli / 1000} CPU`;
  return `${milli}m CPU`; // l10n-verbatim: a unit
}

/** formatBytes renders bytes in the largest binary unit that keeps one decimal: "1.5Gi", "512Mi". */
export function formatBytes(bytes: number, l10n: Localizer = englishL10n): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return i === 0 ? l10n.t('{0} bytes', s) : `${s}${units[i]}`;
}

/** formatAmount renders one resource amount as the scheduler counts it (cpu in milli-units). */
export function formatAmount(resource: string, amount: number, l10n: Localizer = englishL10n): string {
  if (resource === 'cpu') return formatCpu(amount);
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-'))
    return formatBytes(amount, l10n);
  return `${amount} ${resource}`;
}

/**
 * nodeCount renders "1 node", "3 nodes"; restartCount "1 restart", "3 restarts"; timesCount "1
 * time", "3 times". One message per form (the singular and the plural), so that a translation
 * never builds a plural by appending letters.
 */
export function nodeCount(n: number, l10n: Localizer): string {
  return n === 1 ? l10n.t('1 node') : l10n.t('{0} nodes', n);
}

/** restartCount: see nodeCount. */
export function restartCount(n: number, l10n: Localizer): string {
  return n === 1 ? l10n.t('1 restart') : l10n.t('{0} restarts', n);
}

/** timesCount: see nodeCount. */
export function timesCount(n: number, l10n: Localizer): string {
  return n === 1 ? l10n.t('1 time') : l10n.t('{0} times', n);
}

/** namesList renders at most LIMITS.namedNodes names and "and N more" (names are never translated). */
export function namesList(names: string[], l10n: Localizer, max = LIMITS.namedNodes): string {
  if (names.length <= max) return names.join(', ');
  return l10n.t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max);
}

/** SAFE_SHELL: characters a suggested command line may hold (no ; & | $ ` \\ quotes, parentheses or newlines). */
const SAFE_SHELL = /^[A-Za-z0-9 ._:@/=,<>+*%~{}[\]-]{1,600}$/;

/**
 * Builder collects an explanation's parts and enforces the bounds: lines are clipped, evidence
 * is capped at LIMITS.evidence, duplicate next steps are dropped.
 */
export class Builder {
  private readonly evidence: Evidence[] = [];
  private readonly steps: NextStep[] = [];
  private readonly seen = new Set<string>();
  private readonly seenFacts = new Set<string>();
  confidence: Confidence = 'exact';

  /**
   * `l10n` is the language of the explanation's prose: the explainers and the helpers that add
   * to a Builder put their phrases through it (names, reasons and commands go in as arguments).
   */
  constructor(
    private readonly reason: string,
    readonly l10n: Localizer = englishL10n,
  ) {}

  /** fact adds one evidence line read from `r` (or about its absence), unless an equal one is already there. */
  fact(text: string, r?: Ref, absent = false): this {
    if (this.evidence.length >= LIMITS.evidence) return this;
    const e: Evidence = { text: clip(text) };
    if (r) e.ref = r;
    if (absent) e.absent = true;
    const key = JSON.stringify([e.text, r?.kind, r?.namespace, r?.name, absent]);
    if (this.seenFacts.has(key)) return this;
    this.seenFacts.add(key);
    this.evidence.push(e);
    return this;
  }

  /**
   * step adds a next step unless an equal one is already there. A kubectl line built from
   * event text that holds shell metacharacters is dropped (and with it a pure kubectl step):
   * a user may paste it into a shell.
   */
  step(s: NextStep): this {
    if (s.kubectl !== undefined && !SAFE_SHELL.test(s.kubectl)) {
      if (s.command === 'kubectl') return this;
      s = { ...s };
      delete s.kubectl;
    }
    const key = `${s.command}|${s.title}|${s.kubectl ?? ''}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      this.steps.push(s);
    }
    return this;
  }

  /** lower lowers the confidence (exact > partial > generic), never raises it. */
  lower(c: Confidence): this {
    const rank = { exact: 2, partial: 1, generic: 0 } as const;
    if (rank[c] < rank[this.confidence]) this.confidence = c;
    return this;
  }

  build(cause: string): Explanation {
    return {
      reason: this.reason,
      cause: clip(cause),
      evidence: this.evidence,
      nextSteps: this.steps,
      confidence: this.confidence,
    };
  }
}

/** quoted extracts the first double-quoted Go %q string after `prefix` in `s`. */
export function quotedAfter(s: string, prefix: string): string | undefined {
  const i = s.indexOf(prefix);
  if (i < 0) return undefined;
  const m = /^"((?:[^"\\]|\\.){0,512})"/.exec(s.slice(i + prefix.length));
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/**
 * cachedRef returns the Ref when the object is cached (or its kind is not watched, so it may
 * well exist), and undefined when a watched kind does not hold it: evidence never cites an
 * object the cache says is gone.
 */
export function cachedRef(
  cache: { watches(kind: string): boolean; get(kind: string, ns: string, name: string): unknown },
  kind: string,
  namespace: string,
  name: string,
): Ref | undefined {
  return !cache.watches(kind) || cache.get(kind, namespace, name) !== undefined
    ? ref(kind, namespace, name)
    : undefined;
}
