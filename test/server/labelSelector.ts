/**
 * labelSelector: parses and evaluates Kubernetes label selectors: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k` (does not exist), `k>n`, `k<n`; terms
 * joined by commas are ANDed. Parsing errors throw ApiError 400 like the real server.
 */
import { badRequest } from './status';

/** LabelMatcher tests an object's labels. */
export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function checkKey(key: string, selector: string): string {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${selector}"`);
  return key;
}

function checkValue(value: string, selector: string): string {
  if (!VALUE.test(value))
    throw badRequest(`unable to parse requirement: invalid label value: "${value}" in "${selector}"`);
  return value;
}

function parseTerm(term: string, selector: string): LabelMatcher {
  let m = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
  if (m) {
    const key = checkKey(m[1]!, selector);
    const values = new Set(m[3]!.split(',').map((v) => checkValue(v.trim(), selector)));
    return m[2] === 'in'
      ? (l) => l !== undefined && key in l && values.has(l[key]!)
      : (l) => l === undefined || !(key in l) || !values.has(l[key]!);
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(.*)$/.exec(term);
  if (m) {
    const key = checkKey(m[1]!, selector);
    const op = m[2]!;
    const value = m[3]!.trim();
    if (op === '<' || op === '>') {
      const n = Number(value);
      if (!Number.isInteger(n))
        throw badRequest(`unable to parse requirement: invalid integer value "${value}"`);
      return (l) => {
        const v = l?.[key];
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        return op === '<' ? Number(v) < n : Number(v) > n;
      };
    }
    checkValue(value, selector);
    return op === '!=' ? (l) => l?.[key] !== value : (l) => l?.[key] === value;
  }
  if (term.startsWith('!')) {
    const key = checkKey(term.slice(1).trim(), selector);
    return (l) => l === undefined || !(key in l);
  }
  const key = checkKey(term, selector);
  return (l) => l !== undefined && key in l;
}

/** parseLabelSelector returns a matcher, or undefined for an empty selector (matches all). */
export function parseLabelSelector(selector: string | undefined): LabelMatcher | undefined {
  if (!selector || !selector.trim()) return undefined;
  const matchers = splitTerms(selector).map((t) => parseTerm(t, selector));
  return (labels) => matchers.every((m) => m(labels));
}
